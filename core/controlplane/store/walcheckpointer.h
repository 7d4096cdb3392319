#pragma once

#include <QString>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

struct sqlite3;

namespace waddle::cp::store {

// Copies a SQLite store's write-ahead log back into its file on a thread of
// its own, so a commit on the writer's thread only appends to the log
// (issue 12: a checkpoint inside a batch's commit, with its two syncs, took
// 40–60 ms of the request every few batches). The writer's connection tells
// it, from SQLite's WAL hook, when the log has grown by `pagesPerCheckpoint`
// pages; it then runs a PASSIVE checkpoint on its own connection, which
// never blocks the writer or a reader (SQLite's WAL docs). Should it fall
// behind (a stalled disk), the writer checkpoints the log itself once it
// reaches `writerLimitPages`, as SQLite's auto-checkpoint would: the log
// stays bounded.
//
// Durability is SQLite's: a commit is in the log either way, and the log
// is replayed on the next open after a crash.
class WalCheckpointer
{
public:
    struct Counts
    {
        std::int64_t checkpoints = 0;     // run by this thread
        int logPages = 0;                 // the log's size at the last of them
        int copiedPages = 0;              // how much of it was in the file after it
        std::int64_t writerFallbacks = 0; // run by the writer at the limit
    };

    // `writer`: the store connection whose commits grow the log (its WAL
    // hook is this object's until destruction); `path`: the store file.
    WalCheckpointer(sqlite3 *writer, const QString &path, int pagesPerCheckpoint = 4000,
                    int writerLimitPages = 65536);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // False when the checkpoint connection could not be opened (the writer
    // then keeps SQLite's own auto-checkpoint); why in error().
    [[nodiscard]] bool isRunning() const { return m_thread.joinable(); }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] Counts counts() const;

private:
    static int onCommit(void *self, sqlite3 *writer, const char *schema, int pages);
    void run();

    sqlite3 *m_writer = nullptr;
    sqlite3 *m_own = nullptr;
    int m_pagesPerCheckpoint;
    int m_writerLimitPages;
    QString m_error;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stopping = false;
    Counts m_counts;
    std::thread m_thread;
};

} // namespace waddle::cp::store
