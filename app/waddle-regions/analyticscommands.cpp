#include "analyticscommands.h"

#include "client/apiclient.h"
#include "client/exportcontroller.h"
#include "commandbackend.h"
#include "domain/analytics/forecast.h"

#include <QCommandLineParser>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <qcorosignal.h>

#include <cstdio>
#include <unistd.h>

using namespace waddle;

namespace {

// A progress line that rewrites itself, on a terminal only.
class ProgressLine
{
public:
    ProgressLine()
        : m_tty(isatty(fileno(stderr)) != 0)
    {}
    ~ProgressLine() { done(); }
    ProgressLine(const ProgressLine &) = delete;
    ProgressLine &operator=(const ProgressLine &) = delete;

    void show(const QString &text)
    {
        if (!m_tty)
            return;
        QTextStream err(stderr);
        err << '\r' << text.leftJustified(m_width) << Qt::flush;
        m_width = std::max(m_width, static_cast<int>(text.size()));
    }
    void done()
    {
        if (m_tty && m_width > 0) {
            QTextStream err(stderr);
            err << '\n' << Qt::flush;
        }
        m_width = 0;
    }

private:
    bool m_tty = false;
    int m_width = 0;
};

// 2 for what the server refuses as bad input (the command line was wrong),
// 1 for the rest (unreachable, failed, not enough history).
int exitCodeOf(const client::ApiError &error)
{
    // Too little history for a forecast is the data's state, not a typo.
    if (error.field == QLatin1String("history"))
        return 1;
    return error.kind == client::ApiError::Kind::Http && error.status == 400 ? 2 : 1;
}

std::optional<QDate> dateOption(const QCommandLineParser &parser, const QString &name,
                                QTextStream &err)
{
    const QDate date = QDate::fromString(parser.value(name), u"yyyy-MM-dd");
    if (!date.isValid()) {
        err << "waddle-regions export: --" << name << " wants a date YYYY-MM-DD, not \""
            << parser.value(name) << "\"\n";
        return std::nullopt;
    }
    return date;
}

void addServerOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOption({QStringLiteral("server"),
                      QStringLiteral("Control plane to ask (default: the embedded demo backend)."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("api-key"),
                      QStringLiteral("An analyst (or admin) API key for the server."),
                      QStringLiteral("KEY")});
    parser.addOption({QStringLiteral("project"),
                      QStringLiteral("fleet (all usage) or a waddle's id."), QStringLiteral("P")});
}

} // namespace

QCoro::Task<int> runExportCommand(QStringList arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export a project's usage metrics (SPEC §11) between two dates to a CSV or JSON file."));
    addServerOptions(parser);
    parser.addOption({QStringLiteral("metrics"),
                      QStringLiteral("Comma-separated built-in metrics (default: all)."),
                      QStringLiteral("a,b")});
    parser.addOption(
        {QStringLiteral("from"), QStringLiteral("First day, YYYY-MM-DD."), QStringLiteral("D")});
    parser.addOption(
        {QStringLiteral("to"), QStringLiteral("Last day, YYYY-MM-DD."), QStringLiteral("D")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("csv or json (csv)."),
                      QStringLiteral("FORMAT"), QStringLiteral("csv")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("The file to write."),
                      QStringLiteral("FILE")});
    if (!parser.parse(arguments)) {
        err << "waddle-regions export: " << parser.errorText() << "\n";
        co_return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        co_return 0;
    }
    for (const QString &required : {QStringLiteral("project"), QStringLiteral("from"),
                                    QStringLiteral("to"), QStringLiteral("output")}) {
        if (!parser.isSet(required)) {
            err << "waddle-regions export: --" << required << " is required\n";
            co_return 2;
        }
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("csv") && format != QLatin1String("json")) {
        err << "waddle-regions export: --format wants csv or json, not \"" << format << "\"\n";
        co_return 2;
    }
    const auto from = dateOption(parser, QStringLiteral("from"), err);
    const auto to = dateOption(parser, QStringLiteral("to"), err);
    if (!from || !to)
        co_return 2;
    if (*from > *to) {
        err << "waddle-regions export: --from must not be after --to\n";
        co_return 2;
    }
    const QStringList metrics =
        parser.value(QStringLiteral("metrics")).split(u',', Qt::SkipEmptyParts);

    int exitCode = 0;
    auto backend = co_await openCommandBackend(
        QStringLiteral("export"), parser.isSet(QStringLiteral("server")),
        parser.value(QStringLiteral("server")), parser.value(QStringLiteral("api-key")), &exitCode);
    if (!backend)
        co_return exitCode;

    client::ApiClient api({backend->baseUrl, backend->apiKey});
    client::ExportController exports(api);
    ProgressLine progress;
    std::optional<client::ApiError> problem;
    std::optional<client::ExportJobStatus> finished;
    QObject::connect(&exports, &client::ExportController::statusChanged, &exports,
                     [&progress](const client::ExportJobStatus &status) {
                         progress.show(QStringLiteral("export %1: %2, %3 rows")
                                           .arg(status.id, status.status)
                                           .arg(status.rows));
                     });
    QObject::connect(&exports, &client::ExportController::refused, &exports,
                     [&problem](const client::ApiError &error) { problem = error; });
    QObject::connect(&exports, &client::ExportController::failed, &exports,
                     [&problem](const client::ApiError &error) { problem = error; });
    QObject::connect(&exports, &client::ExportController::finished, &exports,
                     [&finished](const client::ExportJobStatus &status) { finished = status; });
    exports.start({parser.value(QStringLiteral("project")), format, *from, *to, metrics});
    while (!problem && !finished)
        co_await qCoro(&exports, &client::ExportController::statusChanged,
                       std::chrono::milliseconds(200));
    if (problem) {
        progress.done();
        err << "waddle-regions export: " << problem->message << "\n";
        co_return exitCodeOf(*problem);
    }
    if (finished->isFailed()) {
        progress.done();
        err << "waddle-regions export: the export failed: " << finished->error << "\n";
        co_return 1;
    }

    const QString path = parser.value(QStringLiteral("output"));
    std::optional<qint64> written;
    QObject::connect(
        &exports, &client::ExportController::progress, &exports,
        [&progress](qint64 received, qint64 total) {
            progress.show(
                total > 0 ? QStringLiteral("downloading: %1 of %2 bytes").arg(received).arg(total)
                          : QStringLiteral("downloading: %1 bytes").arg(received));
        });
    QObject::connect(&exports, &client::ExportController::downloaded, &exports,
                     [&written](const QString &, qint64 bytes) { written = bytes; });
    exports.download(path);
    while (!problem && !written)
        co_await qCoro(&exports, &client::ExportController::progress,
                       std::chrono::milliseconds(200));
    progress.done();
    if (problem) {
        err << "waddle-regions export: " << problem->message << "\n";
        co_return 1;
    }
    err << "Wrote " << path << ": " << finished->rows << " rows, " << *written << " bytes\n";
    co_return 0;
}

QCoro::Task<int> runForecastCommand(QStringList arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Forecast a built-in metric's daily totals with the 95 % band (SPEC §11)."));
    addServerOptions(parser);
    parser.addOption({QStringLiteral("metric"),
                      QStringLiteral("participant_minutes, egress_minutes, storage_usage, "
                                     "bandwidth_usage or api_request."),
                      QStringLiteral("M")});
    parser.addOption({QStringLiteral("days"), QStringLiteral("Days ahead, 1–90 (14)."),
                      QStringLiteral("N"), QStringLiteral("14")});
    parser.addOption({QStringLiteral("model"), QStringLiteral("linear or holt-winters (linear)."),
                      QStringLiteral("MODEL"), QStringLiteral("linear")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")});
    if (!parser.parse(arguments)) {
        err << "waddle-regions forecast: " << parser.errorText() << "\n";
        co_return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        co_return 0;
    }
    for (const QString &required : {QStringLiteral("project"), QStringLiteral("metric")}) {
        if (!parser.isSet(required)) {
            err << "waddle-regions forecast: --" << required << " is required\n";
            co_return 2;
        }
    }
    bool ok = false;
    const int days = parser.value(QStringLiteral("days")).toInt(&ok);
    if (!ok || days < 1 || days > 90) {
        err << "waddle-regions forecast: --days wants a whole number from 1 to 90\n";
        co_return 2;
    }
    const QString modelName = parser.value(QStringLiteral("model"));
    QString model;
    if (modelName == QLatin1String("linear"))
        model = QString(domain::kLinearRegressionModel);
    else if (modelName == QLatin1String("holt-winters"))
        model = QString(domain::kHoltWintersModel);
    else {
        err << "waddle-regions forecast: --model wants linear or holt-winters, not \"" << modelName
            << "\"\n";
        co_return 2;
    }

    int exitCode = 0;
    auto backend = co_await openCommandBackend(
        QStringLiteral("forecast"), parser.isSet(QStringLiteral("server")),
        parser.value(QStringLiteral("server")), parser.value(QStringLiteral("api-key")), &exitCode);
    if (!backend)
        co_return exitCode;
    client::ApiClient api({backend->baseUrl, backend->apiKey});
    ProgressLine progress;
    progress.show(QStringLiteral("forecasting %1, %2 days…")
                      .arg(parser.value(QStringLiteral("metric")))
                      .arg(days));
    const auto answer = co_await api.forecast(parser.value(QStringLiteral("project")),
                                              parser.value(QStringLiteral("metric")), days, model);
    progress.done();
    if (!answer) {
        err << "waddle-regions forecast: " << answer.error().message << "\n";
        co_return exitCodeOf(answer.error());
    }
    const client::ForecastAnswer &f = answer.value();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray points;
        for (const domain::ForecastPoint &p : f.points) {
            points.append(QJsonObject{
                {QStringLiteral("forecast_date"), p.date.toUTC().date().toString(Qt::ISODate)},
                {QStringLiteral("predicted_value"), p.predicted},
                {QStringLiteral("confidence_low"), p.low},
                {QStringLiteral("confidence_high"), p.high}});
        }
        out << QJsonDocument(QJsonObject{{QStringLiteral("metric"), f.metric},
                                         {QStringLiteral("model"), f.model},
                                         {QStringLiteral("days"), f.days},
                                         {QStringLiteral("accuracy"), f.accuracyPercent},
                                         {QStringLiteral("history_days"), f.historyDays},
                                         {QStringLiteral("forecasts"), points}})
                   .toJson(QJsonDocument::Indented);
    } else {
        out << QStringLiteral("%1 by %2, accuracy %3 %, from %4 days of history\n")
                   .arg(f.metric, f.model, QString::number(f.accuracyPercent, 'f', 1))
                   .arg(f.historyDays);
        out << QStringLiteral("%1 %2 %3 %4\n")
                   .arg(QStringLiteral("DATE"), -10)
                   .arg(QStringLiteral("PREDICTED"), 14)
                   .arg(QStringLiteral("LOW 95%"), 14)
                   .arg(QStringLiteral("HIGH 95%"), 14);
        for (const domain::ForecastPoint &p : f.points) {
            out << QStringLiteral("%1 %2 %3 %4\n")
                       .arg(p.date.toUTC().date().toString(Qt::ISODate), -10)
                       .arg(QString::number(p.predicted, 'f', 2), 14)
                       .arg(QString::number(p.low, 'f', 2), 14)
                       .arg(QString::number(p.high, 'f', 2), 14);
        }
    }
    co_return 0;
}
