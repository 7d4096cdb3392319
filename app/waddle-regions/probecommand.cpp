#include "probecommand.h"

#include "client/apiclient.h"
#include "client/probe/latencyprober.h"
#include "commandbackend.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <qcorosignal.h>

#include <algorithm>

using namespace waddle;

namespace {

QString figure(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals);
}

void printTable(QTextStream &out, const QList<client::LatencyResult> &results,
                const QHash<QString, QString> &names)
{
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
               .arg(QStringLiteral("REGION"), -9)
               .arg(QStringLiteral("NAME"), -16)
               .arg(QStringLiteral("QUALITY"), -11)
               .arg(QStringLiteral("AVG"), 7)
               .arg(QStringLiteral("MIN"), 7)
               .arg(QStringLiteral("MAX"), 7)
               .arg(QStringLiteral("MEDIAN"), 7)
               .arg(QStringLiteral("P95"), 7)
               .arg(QStringLiteral("JITTER"), 7)
               .arg(QStringLiteral("LOSS"), 7)
               .arg(QStringLiteral("CONNECT"), 8);
    for (const client::LatencyResult &r : results) {
        const domain::LatencyStats &s = r.stats;
        const QString quality =
            r.error.isEmpty() ? domain::toString(s.quality) : QStringLiteral("untested");
        QString line = QStringLiteral("%1 %2 %3 ")
                           .arg(r.regionCode, -9)
                           .arg(names.value(r.regionCode).left(16), -16)
                           .arg(quality, -11);
        if (s.received > 0) {
            line += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                        .arg(figure(s.averageMs, 0), 7)
                        .arg(figure(s.minimumMs), 7)
                        .arg(figure(s.maximumMs), 7)
                        .arg(figure(s.medianMs), 7)
                        .arg(figure(s.p95Ms), 7)
                        .arg(figure(s.jitterMs), 7)
                        .arg(figure(s.lossPercent) + u'%', 7)
                        .arg(r.connectMs ? figure(*r.connectMs) : QStringLiteral("-"), 8);
        } else {
            line += QStringLiteral("%1 %2")
                        .arg(figure(s.lossPercent) + u'%', 47)
                        .arg(QStringLiteral("-"), 8);
        }
        if (!r.error.isEmpty())
            line += QStringLiteral("  (%1)").arg(r.error);
        out << line.trimmed() << '\n';
    }
    out << QStringLiteral("times in ms; average over received samples; loss = lost / finished\n");
}

} // namespace

QCoro::Task<int> runProbeCommand(QStringList arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measure latency to every online region (SPEC §4) and print a table or JSON."));
    parser.addHelpOption();
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("Control plane to ask for regions (default: the embedded demo backend)."),
        QStringLiteral("URL"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"),
                                    QStringLiteral("API key for the server, if it needs one."),
                                    QStringLiteral("KEY"));
    const QCommandLineOption samples(QStringLiteral("samples"),
                                     QStringLiteral("Samples per region, 1–100 (5)."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption mode(QStringLiteral("mode"),
                                  QStringLiteral("http (GET ping_url), tcp (connect time) or "
                                                 "stun (UDP binding request); default http."),
                                  QStringLiteral("MODE"), QStringLiteral("http"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print a JSON array instead of a table."));
    parser.addOptions({server, apiKey, samples, mode, json});
    if (!parser.parse(arguments)) {
        err << "waddle-regions probe: " << parser.errorText() << "\n";
        co_return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        co_return 0;
    }

    client::LatencyProber::Settings settings;
    bool ok = false;
    settings.samples = parser.value(samples).toInt(&ok);
    if (!ok || settings.samples < 1 || settings.samples > 100) {
        err << "waddle-regions probe: --samples wants a whole number from 1 to 100\n";
        co_return 2;
    }
    const std::optional<client::ProbeMode> probeMode =
        client::probeModeFromString(parser.value(mode));
    if (!probeMode) {
        err << "waddle-regions probe: --mode wants http, tcp or stun, not \"" << parser.value(mode)
            << "\"\n";
        co_return 2;
    }
    settings.mode = *probeMode;

    int exitCode = 0;
    const auto backend =
        co_await openCommandBackend(QStringLiteral("probe"), parser.isSet(server),
                                    parser.value(server), parser.value(apiKey), &exitCode);
    if (!backend)
        co_return exitCode;
    const QUrl baseUrl = backend->baseUrl;
    client::ApiClient api({baseUrl, backend->apiKey});
    const client::ApiResult<QList<domain::Region>> regions = co_await api.regions();
    if (!regions) {
        err << "waddle-regions probe: cannot get regions from " << baseUrl.toString() << ": "
            << regions.error().describe() << "\n";
        co_return 1;
    }
    QHash<QString, QString> names;
    for (const domain::Region &region : regions.value())
        names.insert(region.code, region.name);

    client::LatencyProber prober;
    QList<client::LatencyResult> results = co_await prober.run(regions.value(), settings);
    std::stable_sort(results.begin(), results.end(),
                     [](const client::LatencyResult &a, const client::LatencyResult &b) {
                         const bool aOk = a.stats.received > 0, bOk = b.stats.received > 0;
                         if (aOk != bOk)
                             return aOk;
                         return aOk && a.stats.averageMs < b.stats.averageMs;
                     });

    if (parser.isSet(json)) {
        QJsonArray array;
        for (const client::LatencyResult &r : results) {
            QJsonObject entry = client::toJson(r);
            entry.insert(QStringLiteral("name"), names.value(r.regionCode));
            array.append(entry);
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        printTable(out, results, names);
    }
    out.flush();
    const bool anyAnswered =
        std::any_of(results.cbegin(), results.cend(),
                    [](const client::LatencyResult &r) { return r.stats.received > 0; });
    if (!anyAnswered) {
        err << "waddle-regions probe: no region answered\n";
        co_return 1;
    }
    co_return 0;
}
