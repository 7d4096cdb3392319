#pragma once

#include "analyticstypes.h"
#include "apierror.h"

#include <QCoroTask>
#include <QDate>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <optional>

namespace waddle::client {

class ApiClient;

// One analytics export at a time (SPEC §11, issue 12 "exports as jobs"):
// start the job, follow its status until it is completed or failed, then
// download its file through a QSaveFile to the place the person picked, with
// progress. Screens and the command line bind to the signals.
class ExportController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportController)

public:
    static constexpr std::chrono::milliseconds kDefaultPollInterval{500};

    struct Request
    {
        QString projectId = QStringLiteral("fleet");
        QString exportType = QStringLiteral("csv"); // csv or json
        QDate from;
        QDate to;
        QStringList metrics; // built-in and custom metric names; empty: the built-in ones
    };

    // `api` outlives the controller.
    explicit ExportController(ApiClient &api, QObject *parent = nullptr);
    ~ExportController() override;

    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }

    // Starts a job (a running one is forgotten): statusChanged() at each
    // poll until finished(), or refused() with the server's message.
    void start(Request request);
    // The last status seen.
    [[nodiscard]] const std::optional<ExportJobStatus> &status() const { return m_status; }
    [[nodiscard]] bool isBusy() const { return m_busy; }

    // Downloads the completed job's file to `filePath`: progress(), then
    // downloaded() or failed() (nothing written then).
    void download(const QString &filePath);

Q_SIGNALS:
    void started(const QString &exportId);
    void statusChanged(const waddle::client::ExportJobStatus &status);
    // The job is completed or failed (status says which, and why).
    void finished(const waddle::client::ExportJobStatus &status);
    void refused(const waddle::client::ApiError &error);
    void progress(qint64 received, qint64 total);
    void downloaded(const QString &filePath, qint64 bytes);
    void failed(const waddle::client::ApiError &error);

private:
    QCoro::Task<> run(Request request, quint64 generation);
    QCoro::Task<> fetchFile(QString exportId, QString filePath);

    ApiClient &m_api;
    std::chrono::milliseconds m_pollInterval = kDefaultPollInterval;
    std::optional<ExportJobStatus> m_status;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace waddle::client
