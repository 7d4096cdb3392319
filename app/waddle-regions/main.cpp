// waddle-regions: command-line entry of the desktop console. The GUI and the
// probe mode arrive with their issues; until then this binary answers
// --version and lists the built-in region catalogue (--regions), both real.
#include "domain/catalogue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace waddle::domain;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("waddle-regions"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WADDLE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Waddle Region Console: choose, watch and fail over voice regions."));
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
