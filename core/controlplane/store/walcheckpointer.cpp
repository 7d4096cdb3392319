#include "walcheckpointer.h"

#include <QLoggingCategory>

#include <sqlite3.h>

namespace waddle::cp::store {

namespace {
Q_LOGGING_CATEGORY(lcCheckpoint, "waddle.store.checkpoint")
} // namespace

WalCheckpointer::WalCheckpointer(sqlite3 *writer, const QString &path, int pagesPerCheckpoint,
                                 int writerLimitPages)
    : m_writer(writer)
    , m_pagesPerCheckpoint(pagesPerCheckpoint)
    , m_writerLimitPages(writerLimitPages)
{
    const QByteArray file = path.toUtf8();
    const int code = sqlite3_open_v2(file.constData(), &m_own, SQLITE_OPEN_READWRITE, nullptr);
    // A new connection opens the log with its first read; until then a
    // checkpoint on it does nothing (SQLite takes it for a rollback journal).
    if (code != SQLITE_OK) {
        m_error = QString::fromUtf8(m_own ? sqlite3_errmsg(m_own) : sqlite3_errstr(code));
    } else {
        sqlite3_stmt *mode = nullptr;
        if (sqlite3_prepare_v2(m_own, "PRAGMA journal_mode", -1, &mode, nullptr) != SQLITE_OK ||
            sqlite3_step(mode) != SQLITE_ROW) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_own));
        } else if (qstricmp(reinterpret_cast<const char *>(sqlite3_column_text(mode, 0)), "wal") !=
                   0) {
            m_error = QStringLiteral("%1 is not in write-ahead log mode").arg(path);
        }
        sqlite3_finalize(mode);
    }
    if (!m_error.isEmpty()) {
        sqlite3_close(m_own);
        m_own = nullptr;
        return;
    }
    // Replaces the writer's auto-checkpoint (itself a WAL hook).
    sqlite3_wal_hook(m_writer, &WalCheckpointer::onCommit, this);
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    if (m_thread.joinable()) {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
        // Back to SQLite's own, for whatever the writer commits after.
        sqlite3_wal_autocheckpoint(m_writer, m_pagesPerCheckpoint);
    }
    sqlite3_close(m_own);
}

WalCheckpointer::Counts WalCheckpointer::counts() const
{
    const std::lock_guard lock(m_mutex);
    return m_counts;
}

int WalCheckpointer::onCommit(void *self, sqlite3 *writer, const char *schema, int pages)
{
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    if (pages >= checkpointer->m_writerLimitPages) {
        // The thread has fallen behind: the writer copies the log back
        // itself rather than let it grow without bound.
        sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        const std::lock_guard lock(checkpointer->m_mutex);
        ++checkpointer->m_counts.writerFallbacks;
        return SQLITE_OK;
    }
    if (pages >= checkpointer->m_pagesPerCheckpoint) {
        {
            const std::lock_guard lock(checkpointer->m_mutex);
            checkpointer->m_due = true;
        }
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_due || m_stopping; });
        if (m_stopping)
            return;
        m_due = false;
        lock.unlock();
        int logPages = 0;
        int copied = 0;
        const int code = sqlite3_wal_checkpoint_v2(m_own, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                   &logPages, &copied);
        if (code != SQLITE_OK && code != SQLITE_BUSY)
            qCWarning(lcCheckpoint) << "checkpoint failed:" << sqlite3_errmsg(m_own);
        lock.lock();
        ++m_counts.checkpoints;
        m_counts.logPages = logPages;
        m_counts.copiedPages = copied;
    }
}

} // namespace waddle::cp::store
