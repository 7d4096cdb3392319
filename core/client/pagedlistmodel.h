#pragma once

#include "client/apierror.h"
#include "client/pages.h"

#include <QAbstractTableModel>
#include <QList>

#include <functional>
#include <optional>

namespace waddle::client {

// A table filled lazily, one page at a time, from a paged list of the control
// plane (GET /waddles, GET /waddles/{id}/members). Views drive it through
// canFetchMore()/fetchMore(); at most one request is in flight; an error stops
// paging (and is reported once) until reload(). The item type lives in
// PagedItemsModel<T>; this base holds the state machine and the signals.
class PagedListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedListModel)

public:
    static constexpr qint64 kDefaultPageSize = 100;

    ~PagedListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Drops what was loaded (a reset), forgets any error and loads the first
    // page again. Answers to requests made before are ignored.
    void reload();

    [[nodiscard]] qint64 pageSize() const;
    void setPageSize(qint64 size); // applies from the next request; at least 1

    [[nodiscard]] qint64 total() const;       // as the last page said; 0 before one came
    [[nodiscard]] bool loading() const;       // a request is in flight
    [[nodiscard]] bool atEnd() const;         // the last page has been loaded
    [[nodiscard]] bool hasError() const;      // paging stopped on an error
    [[nodiscard]] ApiError lastError() const; // meaningful while hasError()

Q_SIGNALS:
    void loadingChanged(bool loading);
    void totalChanged(qint64 total);
    void errorOccurred(const waddle::client::ApiError &error);

protected:
    explicit PagedListModel(QObject *parent);

    // For the typed layer below.
    [[nodiscard]] virtual qsizetype itemCount() const = 0;
    virtual void clearItems() = 0; // called between begin/endResetModel
    [[nodiscard]] virtual bool hasFetcher() const = 0;
    // Starts one request; its answer goes to acceptPage()/rejectPage() with
    // the same ticket.
    virtual void requestPage(qint64 offset, qint64 limit, quint64 ticket) = 0;

    // A page for `ticket` arrived with `count` items: false when the answer is
    // stale (a reload happened since); otherwise rows are being inserted
    // (begin done) and the caller appends its items and calls endPage().
    [[nodiscard]] bool beginPage(quint64 ticket, qint64 total, std::optional<qint64> nextOffset,
                                 qsizetype count);
    void endPage(qsizetype count);
    void rejectPage(quint64 ticket, const ApiError &error);

private:
    void setLoading(bool loading);

    qint64 m_pageSize = kDefaultPageSize;
    qint64 m_total = 0;
    qint64 m_nextOffset = 0;
    bool m_atEnd = false;
    bool m_loading = false;
    std::optional<ApiError> m_error;
    quint64 m_ticket = 0; // grows with every reload; older answers are stale
};

// The typed half: the items and the fetcher that brings them. Callback style
// (not a coroutine) so fetchMore() can start a request without co_await; the
// app wraps ApiClient's coroutine in a fetcher.
template <typename T>
class PagedItemsModel : public PagedListModel
{
public:
    using Done = std::function<void(ApiResult<Page<T>>)>;
    using Fetcher = std::function<void(qint64 offset, qint64 limit, Done done)>;

    // Replaces the source and reloads from the first page.
    void setFetcher(Fetcher fetcher);

    [[nodiscard]] const QList<T> &items() const;
    [[nodiscard]] const T *item(int row) const; // nullptr when out of range

protected:
    PagedItemsModel(Fetcher fetcher, QObject *parent);

    qsizetype itemCount() const override;
    void clearItems() override;
    bool hasFetcher() const override;
    void requestPage(qint64 offset, qint64 limit, quint64 ticket) override;

    QList<T> m_items;

private:
    Fetcher m_fetcher;
};

extern template class PagedItemsModel<domain::Waddle>;
extern template class PagedItemsModel<domain::Member>;

} // namespace waddle::client
