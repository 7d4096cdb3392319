#include "pagedlistmodel.h"

#include <QPointer>

#include <algorithm>
#include <utility>

namespace waddle::client {

PagedListModel::PagedListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

PagedListModel::~PagedListModel() = default;

int PagedListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(itemCount());
}

bool PagedListModel::canFetchMore(const QModelIndex &parent) const
{
    // False while a request is in flight so a view that loops on
    // canFetchMore()/fetchMore() cannot spin: one request at a time.
    return !parent.isValid() && hasFetcher() && !m_error && !m_atEnd && !m_loading;
}

void PagedListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    setLoading(true);
    requestPage(m_nextOffset, m_pageSize, m_ticket);
}

void PagedListModel::reload()
{
    ++m_ticket;
    beginResetModel();
    clearItems();
    m_nextOffset = 0;
    m_atEnd = false;
    m_error.reset();
    // A request still in flight is for the old ticket: its answer is ignored.
    const bool wasLoading = m_loading;
    m_loading = false;
    const bool totalChanged = m_total != 0;
    m_total = 0;
    endResetModel();
    if (totalChanged)
        Q_EMIT this->totalChanged(0);
    // The reset may already have made a view (or a model tester) fetch.
    if (wasLoading && !m_loading)
        Q_EMIT loadingChanged(false);
    fetchMore({});
}

qint64 PagedListModel::pageSize() const
{
    return m_pageSize;
}

void PagedListModel::setPageSize(qint64 size)
{
    m_pageSize = std::max<qint64>(1, size);
}

qint64 PagedListModel::total() const
{
    return m_total;
}

bool PagedListModel::loading() const
{
    return m_loading;
}

bool PagedListModel::atEnd() const
{
    return m_atEnd;
}

bool PagedListModel::hasError() const
{
    return m_error.has_value();
}

ApiError PagedListModel::lastError() const
{
    return m_error.value_or(ApiError{});
}

bool PagedListModel::beginPage(quint64 ticket, qint64 total, std::optional<qint64> nextOffset,
                               qsizetype count)
{
    if (ticket != m_ticket)
        return false;
    // A next offset that does not move forward, or an empty page, ends the
    // list rather than asking for the same page for ever.
    if (nextOffset && *nextOffset > m_nextOffset && count > 0)
        m_nextOffset = *nextOffset;
    else
        m_atEnd = true;
    if (total != m_total) {
        m_total = total;
        Q_EMIT totalChanged(total);
    }
    if (count > 0) {
        const auto first = static_cast<int>(itemCount());
        beginInsertRows({}, first, first + static_cast<int>(count) - 1);
    }
    return true;
}

void PagedListModel::endPage(qsizetype count)
{
    if (count > 0)
        endInsertRows();
    // Cleared only now, so a fetchMore() from a slot of rowsInserted (views,
    // the model tester) cannot start a second request inside this one.
    setLoading(false);
}

void PagedListModel::rejectPage(quint64 ticket, const ApiError &error)
{
    if (ticket != m_ticket)
        return;
    m_error = error;
    setLoading(false);
    Q_EMIT errorOccurred(error);
}

void PagedListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

template <typename T>
PagedItemsModel<T>::PagedItemsModel(Fetcher fetcher, QObject *parent)
    : PagedListModel(parent)
    , m_fetcher(std::move(fetcher))
{}

template <typename T>
void PagedItemsModel<T>::setFetcher(Fetcher fetcher)
{
    m_fetcher = std::move(fetcher);
    reload();
}

template <typename T>
const QList<T> &PagedItemsModel<T>::items() const
{
    return m_items;
}

template <typename T>
const T *PagedItemsModel<T>::item(int row) const
{
    if (row < 0 || row >= m_items.size())
        return nullptr;
    return &m_items.at(row);
}

template <typename T>
qsizetype PagedItemsModel<T>::itemCount() const
{
    return m_items.size();
}

template <typename T>
void PagedItemsModel<T>::clearItems()
{
    m_items.clear();
}

template <typename T>
bool PagedItemsModel<T>::hasFetcher() const
{
    return static_cast<bool>(m_fetcher);
}

template <typename T>
void PagedItemsModel<T>::requestPage(qint64 offset, qint64 limit, quint64 ticket)
{
    // The answer may come after this model is gone: the guard makes it a no-op.
    const QPointer<PagedListModel> guard(this);
    m_fetcher(offset, limit, [this, guard, ticket](ApiResult<Page<T>> result) {
        if (!guard)
            return;
        if (!result.ok()) {
            rejectPage(ticket, result.error());
            return;
        }
        Page<T> page = std::move(result).value();
        const qsizetype count = page.items.size();
        if (!beginPage(ticket, page.total, page.nextOffset, count))
            return;
        m_items.append(std::move(page.items));
        endPage(count);
    });
}

template class PagedItemsModel<domain::Waddle>;
template class PagedItemsModel<domain::Member>;

} // namespace waddle::client
