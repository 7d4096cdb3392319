// waddle-regiond: the control plane, headless (SPEC §2). Parses the command
// line, starts a ControlPlane (with the demo fleet wired in by
// embedded::Backend for --demo) and runs until SIGINT/SIGTERM.
#include "domain/citytable.h"
#include "embedded/backend.h"
#include "keyscommand.h"
#include "sql/opendatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace waddle;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("waddle-regiond"));
    QCoreApplication::setOrganizationName(QStringLiteral("Waddle"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WADDLE_VERSION));
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (app.arguments().value(1) == QLatin1String("keys"))
        return runKeysCommand(app.arguments());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Waddle Region Console control plane: region API, health monitor and live events.\n"
        "Region reads are public; everything else needs \"Authorization: Bearer KEY\".\n"
        "Key management: waddle-regiond keys create|list|revoke --data-dir DIR (--help)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address and port to serve on."),
                                    QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8740"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Folder for the SQLite database and admin.key (default: %1).")
            .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
        QStringLiteral("DIR"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("The store: a PostgreSQL URL "
                       "(postgresql://user[:password]@host[:port]/database) that several "
                       "control planes share; default: WADDLE_DATABASE, else SQLite's "
                       "waddle.db in --data-dir. Prefer WADDLE_DATABASE for a URL with a "
                       "password (the command line is visible to every user)."),
        QStringLiteral("URL"));
    const QCommandLineOption catalogue(
        QStringLiteral("catalogue"),
        QStringLiteral("Region catalogue JSON (default: the built-in six regions)."),
        QStringLiteral("FILE"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Run the simulated demo fleet on loopback and seed demo data into an "
                       "empty store."));
    const QCommandLineOption vantage(
        QStringLiteral("vantage"),
        QStringLiteral("Demo only: where the user sits (default: the system time zone's city, "
                       "else 50.11,8.68)."),
        QStringLiteral("LAT,LON"));
    const QCommandLineOption seed(QStringLiteral("demo-seed"),
                                  QStringLiteral("Demo only: seed for demo data and noise."),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption rate(QStringLiteral("rate-limit"),
                                  QStringLiteral("Requests a minute per API key or address."),
                                  QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption interval(QStringLiteral("health-interval"),
                                      QStringLiteral("Seconds between health checks."),
                                      QStringLiteral("S"), QStringLiteral("5"));
    const QCommandLineOption demoWaddles(
        QStringLiteral("demo-waddles"),
        QStringLiteral("Demo only: waddles seeded into an empty store."), QStringLiteral("N"),
        QStringLiteral("240"));
    const QCommandLineOption failoverPolicy(
        QStringLiteral("failover-policy"),
        QStringLiteral("automatic: a region going offline is failed over at once and failed "
                       "back on its own; confirm: an operator starts both."),
        QStringLiteral("POLICY"), QStringLiteral("automatic"));
    const QCommandLineOption failoverBatch(
        QStringLiteral("failover-batch"),
        QStringLiteral("Waddles per failover batch: one room call per target region and one "
                       "transaction each."),
        QStringLiteral("N"), QString::number(cp::ControlPlaneOptions{}.failoverBatchSize));
    const QCommandLineOption failoverInFlight(
        QStringLiteral("failover-in-flight"), QStringLiteral("Failover batches under way at once."),
        QStringLiteral("N"), QString::number(cp::ControlPlaneOptions{}.failoverBatchesInFlight));
    const QCommandLineOption failbackAfter(
        QStringLiteral("failback-after"),
        QStringLiteral("Seconds a recovered region stays online before fail-back."),
        QStringLiteral("S"), QStringLiteral("120"));
    const QCommandLineOption optimiseInterval(
        QStringLiteral("optimise-interval"),
        QStringLiteral("Seconds between optimiser runs over every waddle (0: only on demand)."),
        QStringLiteral("S"), QStringLiteral("3600"));
    const QCommandLineOption optimiseThreshold(
        QStringLiteral("optimise-threshold"),
        QStringLiteral("Improvement in percent above which the optimiser moves a waddle."),
        QStringLiteral("PERCENT"), QStringLiteral("20"));
    parser.addOptions({listen, dataDir, database, catalogue, demo, vantage, seed, rate, interval,
                       demoWaddles, failoverPolicy, failoverBatch, failoverInFlight, failbackAfter,
                       optimiseInterval, optimiseThreshold});
    parser.addPositionalArgument(
        QStringLiteral("check"),
        QStringLiteral("Instead of serving: run SQLite's full integrity check on the store in "
                       "--data-dir (or read the --database store) and exit (0: sound, 1: "
                       "damaged or unreadable)."),
        QStringLiteral("[check]"));
    parser.process(app);

    cp::ControlPlaneOptions options;
    const QString listenValue = parser.value(listen);
    const qsizetype colon = listenValue.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon > 0 ? listenValue.mid(colon + 1).toUInt(&portOk) : 0;
    options.address = QHostAddress(listenValue.left(colon).remove(u'[').remove(u']'));
    if (colon <= 0 || !portOk || port > 65535 || options.address.isNull()) {
        err << "waddle-regiond: --listen wants HOST:PORT (e.g. 127.0.0.1:8740), not \""
            << listenValue << "\"\n";
        return 2;
    }
    options.port = static_cast<quint16>(port);
    options.dataDir = parser.isSet(dataDir)
                          ? parser.value(dataDir)
                          : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.database =
        parser.isSet(database) ? parser.value(database) : qEnvironmentVariable("WADDLE_DATABASE");
    if (!options.database.isEmpty() &&
        sql::dialectOf(options.database) != sql::Dialect::PostgreSql) {
        err << "waddle-regiond: --database wants a postgresql:// URL (SQLite's store is "
               "waddle.db in --data-dir)\n";
        return 2;
    }
    const QString storeShown = sql::redacted(cp::ControlPlane::storeLocation(options));
    if (const QStringList commands = parser.positionalArguments(); !commands.isEmpty()) {
        if (commands != QStringList{QStringLiteral("check")}) {
            err << "waddle-regiond: the only command is \"check\", not \"" << commands.join(u' ')
                << "\"\n";
            return 2;
        }
        const domain::Result<QStringList> problems =
            cp::ControlPlane::checkStore(options.dataDir, options.database);
        if (!problems) {
            err << "waddle-regiond: " << problems.error().message << "\n";
            return 1;
        }
        if (!problems.value().isEmpty()) {
            err << "waddle-regiond: the store " << storeShown << " is damaged:\n  "
                << problems.value().join(QStringLiteral("\n  ")) << "\nRestore it from a backup.\n";
            return 1;
        }
        out << "waddle-regiond: the store " << storeShown << " is sound\n";
        return 0;
    }
    options.cataloguePath = parser.value(catalogue);
    options.demo = parser.isSet(demo);
    options.adminKey = qEnvironmentVariable("WADDLE_ADMIN_KEY");

    bool ok = false;
    options.demoSeed = parser.value(seed).toULongLong(&ok);
    if (!ok) {
        err << "waddle-regiond: --demo-seed wants a whole number\n";
        return 2;
    }
    options.requestsPerMinute = parser.value(rate).toInt(&ok);
    if (!ok || options.requestsPerMinute < 1) {
        err << "waddle-regiond: --rate-limit wants a whole number of at least 1\n";
        return 2;
    }
    const double seconds = parser.value(interval).toDouble(&ok);
    if (!ok || seconds < 0.1 || seconds > 3600) {
        err << "waddle-regiond: --health-interval wants seconds between 0.1 and 3600\n";
        return 2;
    }
    options.healthIntervalMs = static_cast<int>(seconds * 1000);
    options.demoWaddles = parser.value(demoWaddles).toInt(&ok);
    if (!ok || options.demoWaddles < 0 || options.demoWaddles > 1'000'000) {
        err << "waddle-regiond: --demo-waddles wants a whole number from 0 to 1000000\n";
        return 2;
    }
    const QString policy = parser.value(failoverPolicy);
    if (policy != u"automatic" && policy != u"confirm") {
        err << "waddle-regiond: --failover-policy is automatic or confirm, not \"" << policy
            << "\"\n";
        return 2;
    }
    options.failoverConfirm = policy == u"confirm";
    options.failoverBatchSize = parser.value(failoverBatch).toInt(&ok);
    if (!ok || options.failoverBatchSize < 1 || options.failoverBatchSize > 1000) {
        err << "waddle-regiond: --failover-batch wants a whole number from 1 to 1000\n";
        return 2;
    }
    options.failoverBatchesInFlight = parser.value(failoverInFlight).toInt(&ok);
    if (!ok || options.failoverBatchesInFlight < 1 || options.failoverBatchesInFlight > 64) {
        err << "waddle-regiond: --failover-in-flight wants a whole number from 1 to 64\n";
        return 2;
    }
    options.failbackAfterSeconds = parser.value(failbackAfter).toInt(&ok);
    if (!ok || options.failbackAfterSeconds < 0 || options.failbackAfterSeconds > 86400) {
        err << "waddle-regiond: --failback-after wants whole seconds from 0 to 86400\n";
        return 2;
    }
    options.optimiseIntervalSeconds = parser.value(optimiseInterval).toInt(&ok);
    if (!ok || options.optimiseIntervalSeconds < 0 || options.optimiseIntervalSeconds > 604800) {
        err << "waddle-regiond: --optimise-interval wants whole seconds from 0 to 604800\n";
        return 2;
    }
    const double percent = parser.value(optimiseThreshold).toDouble(&ok);
    if (!ok || percent < 0 || percent > 100) {
        err << "waddle-regiond: --optimise-threshold wants a percentage from 0 to 100\n";
        return 2;
    }
    options.optimiseThreshold = percent / 100.0;
    if (parser.isSet(vantage)) {
        const QStringList parts = parser.value(vantage).split(u',');
        bool latOk = false, lonOk = false;
        const double lat = parts.value(0).toDouble(&latOk);
        const double lon = parts.value(1).toDouble(&lonOk);
        if (parts.size() != 2 || !latOk || !lonOk || std::fabs(lat) > 90 || std::fabs(lon) > 180) {
            err << "waddle-regiond: --vantage wants LAT,LON in degrees (e.g. 50.11,8.68)\n";
            return 2;
        }
        options.vantage = {lat, lon};
    } else {
        // The city of the system time zone, else the default vantage.
        if (const auto city = domain::cityOfSystemTimeZone())
            options.vantage = city->point;
    }

    embedded::Backend backend(options);
    cp::ControlPlane &plane = backend.plane();
    if (const domain::Result<void> started = backend.start(); !started) {
        err << "waddle-regiond: " << started.error().message << "\n";
        return 1;
    }

    out << "waddle-regiond " << WADDLE_VERSION << " serving " << plane.baseUrl().toString()
        << "/api/v1\n";
    out << "  data: " << options.dataDir << "\n";
    out << "  store: " << storeShown << "\n";
    if (options.demo) {
        out << "  demo fleet: " << plane.regions().size() << " simulated regions, vantage "
            << options.vantage.latitude << "," << options.vantage.longitude << "\n";
    }
    if (plane.adminKeyCreated())
        out << "  admin key created: " << plane.adminKeyPath() << " (mode 0600)\n";
    else if (!options.adminKey.isEmpty())
        out << "  admin key: from WADDLE_ADMIN_KEY\n";
    out.flush();

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [&plane] {
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(g_signalPipe[0], &byte, 1);
            plane.stop();
            QCoreApplication::quit();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    return QCoreApplication::exec();
}
