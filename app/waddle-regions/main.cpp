// waddle-regions: entry of the desktop console. `probe` runs the latency
// prober headless; --regions lists the built-in catalogue. The GUI arrives
// with its issue.
#include "domain/catalogue.h"
#include "probecommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace waddle::domain;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("waddle-regions"));
    QCoreApplication::setOrganizationName(QStringLiteral("Waddle"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WADDLE_VERSION));

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

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Waddle Region Console: choose, watch and fail over voice regions.\n\n"
                       "Commands:\n  probe    measure latency to every region (probe --help)"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption regionsOption(
        QStringLiteral("regions"), QStringLiteral("List the built-in region catalogue and exit."));
    parser.addOption(regionsOption);
    parser.process(app);

    QTextStream out(stdout);
    if (parser.isSet(regionsOption)) {
        for (const Region &region : defaultCatalogue()) {
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
    parser.showHelp(0);
}
