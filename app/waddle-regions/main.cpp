// waddle-regions: the desktop console (SPEC §2). With no arguments it starts
// the embedded control plane with the demo fleet on its own thread and
// connects to it over HTTP; --server URL connects to a real control plane.
// `probe` runs the latency prober headless; --regions lists the built-in
// catalogue. Command-line parsing and wiring only.
#include "domain/catalogue.h"
#include "embedded/embeddedbackend.h"
#include "probecommand.h"
#include "ui/connectdialog.h"
#include "ui/mainwindow.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTranslator>

using namespace waddle;

namespace {

void setNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("waddle-regions"));
    QCoreApplication::setOrganizationName(QStringLiteral("Waddle"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WADDLE_VERSION));
}

// Without a display: `probe`, --regions, --version, --help.
int runHeadless(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setNames();
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("probe")) {
        QStringList probeArguments = arguments;
        probeArguments.removeAt(1);
        std::optional<int> status;
        // Kept alive until the command is done; it may finish at once (--help).
        auto command = runProbeCommand(probeArguments).then([&status](int result) {
            status = result;
            QCoreApplication::exit(result);
        });
        if (!status)
            QCoreApplication::exec();
        return status.value_or(1);
    }
    QTextStream out(stdout);
    if (arguments.contains(QLatin1String("--regions"))) {
        for (const domain::Region &region : domain::defaultCatalogue()) {
            out << QStringLiteral("%1  %2  %3, %4  (%5, %6)  priority %7  failover %8\n")
                       .arg(region.code, -9)
                       .arg(region.name, -15)
                       .arg(region.location.city, region.location.country)
                       .arg(region.location.latitude, 0, 'f', 4)
                       .arg(region.location.longitude, 0, 'f', 4)
                       .arg(region.priority)
                       .arg(region.failoverRegions.join(QStringLiteral(" → ")));
        }
        return 0;
    }
    if (arguments.contains(QLatin1String("--version")) || arguments.contains(QLatin1String("-v"))) {
        out << "waddle-regions " << WADDLE_VERSION << "\n";
        return 0;
    }
    out << "Usage: waddle-regions [--server URL [--api-key KEY]]\n"
           "       waddle-regions probe [--server URL] [--api-key KEY] [--samples N]\n"
           "                            [--mode http|tcp|stun] [--json]\n"
           "       waddle-regions --regions | --version | --help\n\n"
           "Waddle Region Console: choose, watch and fail over voice regions.\n"
           "With no server it runs the embedded demo fleet (simulated) on this computer.\n";
    return 0;
}

bool wantsHeadless(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if ((i == 1 && arg == "probe") || arg == "--regions" || arg == "--version" || arg == "-v" ||
            arg == "--help" || arg == "-h")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsHeadless(argc, argv))
        return runHeadless(argc, argv);

    QApplication app(argc, argv);
    setNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Waddle Region Console"));
    // The user's language where a catalogue exists, else English (which
    // carries the plural forms).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("waddle-regions"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")) ||
        translator.load(QStringLiteral("waddle-regions_en"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(&translator);
    }

    QCommandLineParser parser;
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Control plane to connect to."),
                                    QStringLiteral("URL"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"),
                                    QStringLiteral("API key for that server."),
                                    QStringLiteral("KEY"));
    parser.addOptions({server, apiKey});
    if (!parser.parse(QCoreApplication::arguments())) {
        QTextStream(stderr) << "waddle-regions: " << parser.errorText() << "\n";
        return 2;
    }

    ui::applyTheme(false);
    ui::MainWindow window;
    std::unique_ptr<embedded::EmbeddedBackend> backend;

    auto startDemo = [&window, &backend] {
        backend.reset();
        backend = std::make_unique<embedded::EmbeddedBackend>(
            embedded::EmbeddedBackend::demoOptions(window.userLocation()));
        QObject::connect(
            backend.get(), &embedded::EmbeddedBackend::ready, &window,
            [&window](const QUrl &url, const QString &key) { window.connectTo(url, key, true); });
        QObject::connect(backend.get(), &embedded::EmbeddedBackend::failed, &window,
                         &ui::MainWindow::showStartupFailure);
        backend->start();
    };
    QObject::connect(&window, &ui::MainWindow::demoRequested, &window, startDemo);
    QObject::connect(&window, &ui::MainWindow::connectRequested, &window,
                     [&window, &backend](const QUrl &url, const QString &key) {
                         backend.reset();
                         window.connectTo(url, key, false);
                     });

    if (parser.isSet(server)) {
        const QUrl url = QUrl::fromUserInput(parser.value(server));
        const QString key =
            parser.isSet(apiKey) ? parser.value(apiKey) : ui::ConnectDialog::storedKey(url);
        window.connectTo(url, key, false);
    } else {
        startDemo();
    }
    window.show();
    const int status = QApplication::exec();
    backend.reset();
    return status;
}
