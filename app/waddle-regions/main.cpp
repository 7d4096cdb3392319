// waddle-regions: the desktop console (SPEC §2). With no arguments it starts
// the embedded control plane with the demo fleet on its own thread and
// connects to it over HTTP; --server URL connects to a real control plane.
// `probe` runs the latency prober headless; --regions lists the built-in
// catalogue. Command-line parsing and wiring only.
#include "analyticscommands.h"
#include "client/keystore.h"
#include "domain/catalogue.h"
#include "embedded/embeddedbackend.h"
#include "probecommand.h"
#include "ui/connectdialog.h"
#include "ui/mainwindow.h"
#include "ui/screenshotter.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QSize>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTranslator>

#include <memory>
#include <optional>

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
    const QString word = arguments.size() > 1 ? arguments.at(1) : QString();
    if (word == QLatin1String("probe") || word == QLatin1String("export") ||
        word == QLatin1String("forecast")) {
        QStringList commandArguments = arguments;
        commandArguments.removeAt(1);
        std::optional<int> status;
        QCoro::Task<int> task = word == QLatin1String("probe") ? runProbeCommand(commandArguments)
                                : word == QLatin1String("export")
                                    ? runExportCommand(commandArguments)
                                    : runForecastCommand(commandArguments);
        // Kept alive until the command is done; it may finish at once (--help).
        auto command = std::move(task).then([&status](int result) {
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
           "                     [--screenshot DIR [--size WxH] [--theme light|dark]]\n"
           "       waddle-regions probe [--server URL] [--api-key KEY] [--samples N]\n"
           "                            [--mode http|tcp|stun] [--json]\n"
           "       waddle-regions export --project P [--metrics a,b] --from D --to D\n"
           "                             [--format csv|json] -o FILE [--server URL] [--api-key "
           "KEY]\n"
           "       waddle-regions forecast --project P --metric M [--days N]\n"
           "                               [--model linear|holt-winters] [--json] [--server URL]\n"
           "       waddle-regions --regions | --version | --help\n\n"
           "Waddle Region Console: choose a voice region, measure latency, watch region "
           "health.\n"
           "With no server it runs the embedded demo fleet (simulated) on this computer.\n"
           "--screenshot DIR writes a PNG of every screen and dialog into DIR once the data\n"
           "has loaded, then exits (1 and a message when it cannot).\n";
    return 0;
}

// "1024x700" → 1024×700; nothing for anything else.
std::optional<QSize> parseSize(const QString &text)
{
    const QStringList parts = text.toLower().split(u'x');
    if (parts.size() != 2)
        return std::nullopt;
    bool okWidth = false;
    bool okHeight = false;
    const int width = parts.at(0).toInt(&okWidth);
    const int height = parts.at(1).toInt(&okHeight);
    if (!okWidth || !okHeight || width < 320 || height < 240 || width > 10000 || height > 10000)
        return std::nullopt;
    return QSize(width, height);
}

bool wantsHeadless(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if ((i == 1 && (arg == "probe" || arg == "export" || arg == "forecast")) ||
            arg == "--regions" || arg == "--version" || arg == "-v" || arg == "--help" ||
            arg == "-h")
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
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Write a PNG of every screen and dialog into DIR, then exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size for --screenshot (1600x1000)."),
                                  QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QStringLiteral("Theme for --screenshot: light or dark."),
                                   QStringLiteral("THEME"), QStringLiteral("light"));
    parser.addOptions({server, apiKey, screenshot, size, theme});
    if (!parser.parse(QCoreApplication::arguments())) {
        QTextStream(stderr) << "waddle-regions: " << parser.errorText() << "\n";
        return 2;
    }
    const bool screenshots = parser.isSet(screenshot);
    const std::optional<QSize> windowSize = parseSize(parser.value(size));
    const QString themeName = parser.value(theme);
    if (screenshots && (!windowSize || (themeName != QLatin1String("light") &&
                                        themeName != QLatin1String("dark")))) {
        QTextStream(stderr) << "waddle-regions: --size wants WxH (such as 1024x700) and --theme "
                               "light or dark\n";
        return 2;
    }
    // Pictures are taken in a fresh temporary home (settings, cache, the
    // demo's store): the user's theme, window and location stay as they
    // were, a store left by an older build cannot get in the way, and two
    // runs at once never share a folder.
    QTemporaryDir pictureHome;
    if (screenshots) {
        if (!pictureHome.isValid()) {
            QTextStream(stderr) << "waddle-regions: no screenshots: cannot make a temporary "
                                   "folder: "
                                << pictureHome.errorString() << "\n";
            return 1;
        }
        for (const char *variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
            qputenv(variable, QFile::encodeName(pictureHome.filePath(QLatin1String(variable))));
        QCoreApplication::setApplicationName(QStringLiteral("waddle-regions-screenshot"));
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
        if (parser.isSet(apiKey)) {
            window.connectTo(url, parser.value(apiKey), false);
        } else {
            // The key kept for this server: the keychain's, else the one the
            // user chose to keep in plain text (where no keychain answered).
            window.keyStore().readKey(url, [&window, url](const client::KeyStore::Answer &answer) {
                const bool found =
                    answer.status == client::KeyStore::Status::Ok && !answer.key.isEmpty();
                window.connectTo(url, found ? answer.key : ui::ConnectDialog::storedKey(url),
                                 false);
            });
        }
    } else {
        startDemo();
    }
    std::unique_ptr<ui::Screenshotter> shooter;
    if (screenshots) {
        window.setDark(themeName == QLatin1String("dark"));
        window.showPage(ui::MainWindow::Page::Map);
        window.resize(*windowSize);
        shooter = std::make_unique<ui::Screenshotter>(window, parser.value(screenshot));
        QObject::connect(shooter.get(), &ui::Screenshotter::finished, &window,
                         [](bool ok, const QString &message) {
                             if (ok) {
                                 QTextStream(stdout) << message << "\n";
                             } else {
                                 QTextStream(stderr)
                                     << "waddle-regions: no screenshots: " << message << "\n";
                             }
                             QCoreApplication::exit(ok ? 0 : 1);
                         });
        shooter->start();
    }
    window.show();
    const int status = QApplication::exec();
    shooter.reset();
    backend.reset();
    return status;
}
