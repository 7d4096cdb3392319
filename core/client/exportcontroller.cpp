#include "exportcontroller.h"

#include "apiclient.h"

#include <QCoroTimer>
#include <QPointer>

#include <functional>

namespace waddle::client {

ExportController::ExportController(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

ExportController::~ExportController() = default;

void ExportController::start(Request request)
{
    m_status.reset();
    run(std::move(request), ++m_generation);
}

void ExportController::download(const QString &filePath)
{
    if (!m_status || !m_status->isCompleted()) {
        ApiError error;
        error.kind = ApiError::Kind::Cancelled;
        error.message = tr("There is no completed export to download.");
        Q_EMIT failed(error);
        return;
    }
    fetchFile(m_status->id, filePath);
}

QCoro::Task<> ExportController::run(Request request, quint64 generation)
{
    const QPointer<ExportController> self(this);
    m_busy = true;
    const auto created = co_await m_api.createExport(request.projectId, request.exportType,
                                                     request.from, request.to, request.metrics);
    if (!self || generation != m_generation)
        co_return;
    if (!created) {
        m_busy = false;
        Q_EMIT refused(created.error());
        co_return;
    }
    Q_EMIT started(created.value());
    for (;;) {
        const auto status = co_await m_api.exportStatus(created.value());
        if (!self || generation != m_generation)
            co_return;
        if (!status) {
            m_busy = false;
            Q_EMIT failed(status.error());
            co_return;
        }
        m_status = status.value();
        Q_EMIT statusChanged(*m_status);
        if (m_status->isFinished()) {
            m_busy = false;
            Q_EMIT finished(*m_status);
            co_return;
        }
        co_await QCoro::sleepFor(m_pollInterval);
        if (!self || generation != m_generation)
            co_return;
    }
}

QCoro::Task<> ExportController::fetchFile(QString exportId, QString filePath)
{
    const QPointer<ExportController> self(this);
    m_busy = true;
    // Named, not a temporary of the co_await expression: GCC 12 destroys
    // such a temporary twice.
    std::function<void(qint64, qint64)> report = [self](qint64 received, qint64 total) {
        if (self)
            Q_EMIT self->progress(received, total);
    };
    const auto written = co_await m_api.downloadExport(exportId, filePath, std::move(report));
    if (!self)
        co_return;
    m_busy = false;
    if (!written) {
        Q_EMIT failed(written.error());
        co_return;
    }
    Q_EMIT downloaded(filePath, written.value());
}

} // namespace waddle::client
