#include "latencyresultsmodel.h"

#include "client/probe/latencyprober.h"
#include "units.h"

#include <QLocale>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace waddle::client {

namespace {

constexpr int kNumberAlignment = Qt::AlignRight | Qt::AlignVCenter;

bool measured(const domain::LatencyStats &stats)
{
    return stats.received > 0;
}

int finishedSamples(const domain::LatencyStats &stats)
{
    return stats.sent - stats.inFlight;
}

// The set-up time, where the mode has a connection to set up: a STUN
// binding request goes over UDP, so its warm-up is a round trip, not a
// connect (issue 10).
bool hasConnection(ProbeMode mode)
{
    return mode != ProbeMode::Stun;
}

// The roles that follow from the samples.
const QList<int> &statsRoles()
{
    static const QList<int> roles{
        LatencyResultsModel::QualityRole,  LatencyResultsModel::AverageRole,
        LatencyResultsModel::MinRole,      LatencyResultsModel::MaxRole,
        LatencyResultsModel::MedianRole,   LatencyResultsModel::P95Role,
        LatencyResultsModel::JitterRole,   LatencyResultsModel::LossRole,
        LatencyResultsModel::ReceivedRole, LatencyResultsModel::SentRole};
    return roles;
}

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes
// doubled.
QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') &&
        !text.contains(u'\r')) {
        return text;
    }
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

// Always '.', never the locale's decimal separator: CSV is for machines too.
QString csvNumber(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

LatencyResultsModel::LatencyResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

LatencyResultsModel::~LatencyResultsModel() = default;

int LatencyResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LatencyResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LatencyResultsModel::qualityText(domain::LatencyQuality quality)
{
    switch (quality) {
    case domain::LatencyQuality::Unknown:
        return {};
    case domain::LatencyQuality::Excellent:
        return tr("excellent");
    case domain::LatencyQuality::Good:
        return tr("good");
    case domain::LatencyQuality::Fair:
        return tr("fair");
    case domain::LatencyQuality::Poor:
        return tr("poor");
    case domain::LatencyQuality::Unreachable:
        return tr("unreachable");
    }
    return {};
}

namespace {

// A region that could not be tested at all counts as unreachable.
domain::LatencyQuality effectiveQuality(const LatencyResult &result, bool testing)
{
    if (!testing && !result.error.isEmpty() && !measured(result.stats))
        return domain::LatencyQuality::Unreachable;
    return result.stats.quality;
}

} // namespace

QString LatencyResultsModel::modeText(ProbeMode mode)
{
    switch (mode) {
    case ProbeMode::Http:
        return tr("HTTP");
    case ProbeMode::Tcp:
        return tr("TCP");
    case ProbeMode::Stun:
        return tr("STUN");
    }
    return {};
}

void LatencyResultsModel::expectMode(ProbeMode mode)
{
    m_expectedMode = mode;
}

namespace {

std::optional<double> shownConnect(const LatencyResult &result, bool modeKnown)
{
    if (!result.connectMs || (modeKnown && !hasConnection(result.mode)))
        return std::nullopt;
    return result.connectMs;
}

} // namespace

QString LatencyResultsModel::regionName(const QString &code) const
{
    return m_names.value(code, code);
}

QString LatencyResultsModel::ageText(const Row &row) const
{
    const QDateTime &at = row.result.measuredAt;
    if (row.testing || !at.isValid())
        return {};
    const qint64 seconds = m_now.isValid() ? std::max<qint64>(0, at.secsTo(m_now)) : 0;
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", nullptr, static_cast<int>(seconds / 60));
    if (seconds < 86400)
        return tr("%n h ago", nullptr, static_cast<int>(seconds / 3600));
    return tr("%n d ago", nullptr, static_cast<int>(seconds / 86400));
}

QVariant LatencyResultsModel::display(const Row &row, Column column) const
{
    const domain::LatencyStats &s = row.result.stats;
    switch (column) {
    case RegionColumn:
        return regionName(row.result.regionCode);
    case QualityColumn:
        if (row.testing && !measured(s) && s.lost == 0)
            return tr("testing…");
        return qualityText(effectiveQuality(row.result, row.testing));
    case AverageColumn:
        return measured(s) ? millisecondsNumber(s.averageMs) : QString();
    case MedianColumn:
        return measured(s) ? millisecondsNumber(s.medianMs) : QString();
    case P95Column:
        return measured(s) ? millisecondsNumber(s.p95Ms) : QString();
    case JitterColumn:
        return measured(s) ? millisecondsNumber(s.jitterMs) : QString();
    case LossColumn:
        return finishedSamples(s) > 0 ? percentNumber(s.lossPercent) : QString();
    case ConnectColumn:
        if (row.modeKnown && !hasConnection(row.result.mode))
            return tr("—");
        if (const auto connect = shownConnect(row.result, row.modeKnown))
            return millisecondsNumber(*connect);
        return QString();
    case RangeColumn:
        if (!measured(s))
            return QString();
        return tr("%1–%2").arg(millisecondsNumber(s.minimumMs), millisecondsNumber(s.maximumMs));
    case SamplesColumn:
        if (s.sent == 0)
            return QString();
        return tr("%1/%2").arg(QLocale().toString(s.received), QLocale().toString(s.sent));
    case ModeColumn:
        return row.modeKnown ? modeText(row.result.mode) : QString();
    case RankColumn:
        if (row.rank <= 0)
            return QString();
        return row.tied ? tr("=%1").arg(row.rank) : QString::number(row.rank);
    case AgeColumn:
        return ageText(row);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant LatencyResultsModel::sortKey(const Row &row, Column column) const
{
    // An invalid QVariant sorts after every value in QSortFilterProxyModel,
    // so rows without a figure go last in ascending order.
    const domain::LatencyStats &s = row.result.stats;
    const bool m = measured(s);
    switch (column) {
    case RegionColumn:
        return regionName(row.result.regionCode);
    case QualityColumn: {
        const auto q = effectiveQuality(row.result, row.testing);
        return q == domain::LatencyQuality::Unknown ? QVariant() : QVariant(static_cast<int>(q));
    }
    case AverageColumn:
        return m ? QVariant(s.averageMs) : QVariant();
    case MedianColumn:
        return m ? QVariant(s.medianMs) : QVariant();
    case P95Column:
        return m ? QVariant(s.p95Ms) : QVariant();
    case JitterColumn:
        return m ? QVariant(s.jitterMs) : QVariant();
    case LossColumn:
        return finishedSamples(s) > 0 ? QVariant(s.lossPercent) : QVariant();
    case ConnectColumn: {
        const auto connect = shownConnect(row.result, row.modeKnown);
        return connect ? QVariant(*connect) : QVariant();
    }
    case RangeColumn:
        return m ? QVariant(s.minimumMs) : QVariant();
    case SamplesColumn:
        return s.received;
    case ModeColumn:
        return row.modeKnown ? QVariant(modeText(row.result.mode)) : QVariant();
    case RankColumn:
        return row.rank > 0 ? QVariant(row.rank) : QVariant();
    case AgeColumn: // youngest first
        if (row.testing || !row.result.measuredAt.isValid())
            return {};
        return m_now.isValid() ? std::max<qint64>(0, row.result.measuredAt.secsTo(m_now))
                               : qint64(0);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant LatencyResultsModel::toolTip(const Row &row, Column column) const
{
    const domain::LatencyStats &s = row.result.stats;
    switch (column) {
    case RegionColumn:
        return row.result.regionCode;
    case QualityColumn:
        return row.result.error;
    case AverageColumn:
    case MedianColumn:
    case P95Column:
        if (!measured(s))
            return {};
        return tr("average %1 ms, median %2 ms, p95 %3 ms")
            .arg(millisecondsNumber(s.averageMs), millisecondsNumber(s.medianMs),
                 millisecondsNumber(s.p95Ms));
    case RangeColumn:
        if (!measured(s))
            return {};
        return tr("min %1 ms, average %2 ms, max %3 ms")
            .arg(millisecondsNumber(s.minimumMs), millisecondsNumber(s.averageMs),
                 millisecondsNumber(s.maximumMs));
    case ConnectColumn:
        if (row.modeKnown && !hasConnection(row.result.mode))
            return tr("STUN sends UDP datagrams: there is no connection to time.");
        return {};
    case SamplesColumn:
        if (s.sent == 0)
            return {};
        return tr("%1 of %2 samples answered").arg(s.received).arg(s.sent);
    case JitterColumn:
        if (!measured(s))
            return {};
        return tr("RFC 3550 jitter %1 ms").arg(millisecondsNumber(s.jitterRfc3550Ms));
    case LossColumn:
        if (finishedSamples(s) <= 0)
            return {};
        return tr("%1 of %2 lost")
            .arg(QLocale().toString(s.lost), QLocale().toString(finishedSamples(s)));
    case AgeColumn:
        if (row.testing || !row.result.measuredAt.isValid())
            return {};
        return (row.cached ? tr("Cached result from %1") : tr("Measured at %1"))
            .arg(QLocale().toString(row.result.measuredAt.toLocalTime(), QLocale::LongFormat));
    default:
        return {};
    }
}

QVariant LatencyResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const auto column = static_cast<Column>(index.column());
    const domain::LatencyStats &s = row.result.stats;
    const bool m = measured(s);

    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::TextAlignmentRole:
        if (column == RegionColumn || column == QualityColumn || column == ModeColumn ||
            column == AgeColumn)
            return {};
        return kNumberAlignment;
    case SortRole:
        return sortKey(row, column);
    case CodeRole:
        return row.result.regionCode;
    case QualityRole:
        return static_cast<int>(effectiveQuality(row.result, row.testing));
    case AverageRole:
        return m ? QVariant(s.averageMs) : QVariant();
    case MinRole:
        return m ? QVariant(s.minimumMs) : QVariant();
    case MaxRole:
        return m ? QVariant(s.maximumMs) : QVariant();
    case MedianRole:
        return m ? QVariant(s.medianMs) : QVariant();
    case P95Role:
        return m ? QVariant(s.p95Ms) : QVariant();
    case JitterRole:
        return m ? QVariant(s.jitterMs) : QVariant();
    case LossRole:
        return finishedSamples(s) > 0 ? QVariant(s.lossPercent) : QVariant();
    case ConnectRole: {
        const auto connect = shownConnect(row.result, row.modeKnown);
        return connect ? QVariant(*connect) : QVariant();
    }
    case ReceivedRole:
        return s.received;
    case SentRole:
        return s.sent;
    case RankRole:
        return row.rank > 0 ? QVariant(row.rank) : QVariant();
    case TiedRole:
        return row.tied;
    case TestingRole:
        return row.testing;
    case CachedRole:
        return row.cached;
    case MeasuredAtRole:
        return row.result.measuredAt;
    case ModeRole:
        return row.modeKnown ? QVariant(static_cast<int>(row.result.mode)) : QVariant();
    default:
        return {};
    }
}

QVariant LatencyResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RegionColumn:
        return tr("Region");
    case QualityColumn:
        return tr("Quality");
    case AverageColumn:
        return tr("Average ms");
    case MedianColumn:
        return tr("Median ms");
    case P95Column:
        return tr("p95 ms");
    case JitterColumn:
        return tr("Jitter ms");
    case LossColumn:
        return tr("Loss %");
    case ConnectColumn:
        return tr("Connect ms");
    case RangeColumn:
        return tr("Range ms");
    case SamplesColumn:
        return tr("Samples");
    case ModeColumn:
        return tr("Mode");
    case RankColumn:
        return tr("Rank");
    case AgeColumn:
        return tr("Age");
    default:
        return {};
    }
}

QHash<int, QByteArray> LatencyResultsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(CodeRole, QByteArrayLiteral("code"));
    names.insert(QualityRole, QByteArrayLiteral("quality"));
    names.insert(AverageRole, QByteArrayLiteral("average"));
    names.insert(MinRole, QByteArrayLiteral("minimum"));
    names.insert(MaxRole, QByteArrayLiteral("maximum"));
    names.insert(MedianRole, QByteArrayLiteral("median"));
    names.insert(P95Role, QByteArrayLiteral("p95"));
    names.insert(JitterRole, QByteArrayLiteral("jitter"));
    names.insert(LossRole, QByteArrayLiteral("loss"));
    names.insert(ConnectRole, QByteArrayLiteral("connect"));
    names.insert(ReceivedRole, QByteArrayLiteral("received"));
    names.insert(SentRole, QByteArrayLiteral("sent"));
    names.insert(RankRole, QByteArrayLiteral("rank"));
    names.insert(TiedRole, QByteArrayLiteral("tied"));
    names.insert(TestingRole, QByteArrayLiteral("testing"));
    names.insert(CachedRole, QByteArrayLiteral("cached"));
    names.insert(MeasuredAtRole, QByteArrayLiteral("measuredAt"));
    names.insert(ModeRole, QByteArrayLiteral("mode"));
    names.insert(SortRole, QByteArrayLiteral("sort"));
    return names;
}

void LatencyResultsModel::setCachedResults(const QList<LatencyResult> &results,
                                           const QDateTime &now)
{
    m_now = now;
    QList<Row> added;
    for (const LatencyResult &result : results) {
        Row fresh{result, false, true, true, 0, false};
        const int row = rowOf(result.regionCode);
        if (row >= 0) {
            if (m_rows.at(row).testing)
                continue; // the live test wins
            m_rows[row] = fresh;
            notifyWholeRow(row);
            continue;
        }
        const auto duplicate = std::find_if(added.begin(), added.end(), [&result](const Row &r) {
            return r.result.regionCode == result.regionCode;
        });
        if (duplicate != added.end())
            *duplicate = fresh;
        else
            added.append(fresh);
    }
    appendRows(added);
    setNow(now);
    updateRanks();
    if (!m_testing)
        sortRows();
}

void LatencyResultsModel::setRegionNames(const QHash<QString, QString> &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, RegionColumn), index(rowCount() - 1, RegionColumn));
}

void LatencyResultsModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn));
}

void LatencyResultsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    setTesting(false);
}

bool LatencyResultsModel::testing() const
{
    return m_testing;
}

const LatencyResult *LatencyResultsModel::result(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row).result;
}

int LatencyResultsModel::rowOf(QStringView code) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).result.regionCode == code)
            return static_cast<int>(row);
    }
    return -1;
}

QList<LatencyResult> LatencyResultsModel::results() const
{
    QList<LatencyResult> out;
    out.reserve(m_rows.size());
    for (const Row &row : m_rows)
        out.append(row.result);
    return out;
}

QString LatencyResultsModel::toCsv() const
{
    QList<int> order(m_rows.size());
    std::iota(order.begin(), order.end(), 0);
    return toCsv(order);
}

QString LatencyResultsModel::toCsv(const QList<int> &rowOrder) const
{
    const QStringList header{tr("Region"),     tr("Code"),   tr("Quality"),    tr("Average ms"),
                             tr("Jitter ms"),  tr("Loss %"), tr("Connect ms"), tr("Min ms"),
                             tr("Median ms"),  tr("P95 ms"), tr("Max ms"),     tr("Received"),
                             tr("Sent"),       tr("Mode"),   tr("Rank"),       tr("Tied"),
                             tr("Measured at")};
    QStringList lines;
    QStringList fields;
    for (const QString &title : header)
        fields.append(csvField(title));
    lines.append(fields.join(u','));

    for (const int index : rowOrder) {
        if (index < 0 || index >= m_rows.size())
            continue;
        const Row &row = m_rows.at(index);
        const domain::LatencyStats &s = row.result.stats;
        const bool m = measured(s);
        const auto connect = shownConnect(row.result, row.modeKnown);
        auto figure = [m](double value) { return m ? csvNumber(value, 1) : QString(); };
        fields = QStringList{
            csvField(regionName(row.result.regionCode)),
            csvField(row.result.regionCode),
            domain::toString(effectiveQuality(row.result, row.testing)),
            figure(s.averageMs),
            figure(s.jitterMs),
            finishedSamples(s) > 0 ? csvNumber(s.lossPercent, 1) : QString(),
            connect ? csvNumber(*connect, 1) : QString(),
            figure(s.minimumMs),
            figure(s.medianMs),
            figure(s.p95Ms),
            figure(s.maximumMs),
            QString::number(s.received),
            QString::number(s.sent),
            row.modeKnown ? toString(row.result.mode).toUpper() : QString(),
            row.rank > 0 ? QString::number(row.rank) : QString(),
            row.tied ? csvField(tr("yes")) : QString(),
            !row.testing && row.result.measuredAt.isValid()
                ? row.result.measuredAt.toUTC().toString(Qt::ISODate)
                : QString(),
        };
        lines.append(fields.join(u','));
    }
    return lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n");
}

void LatencyResultsModel::onStarted(const QStringList &codes)
{
    QList<Row> added;
    QSet<QString> seen;
    for (const QString &code : codes) {
        if (seen.contains(code))
            continue;
        seen.insert(code);
        Row fresh;
        fresh.result.regionCode = code;
        fresh.testing = true;
        fresh.result.mode = m_expectedMode.value_or(ProbeMode::Http);
        fresh.modeKnown = m_expectedMode.has_value();
        const int row = rowOf(code);
        if (row >= 0) {
            m_rows[row] = fresh;
            notifyWholeRow(row);
        } else {
            added.append(fresh);
        }
    }
    appendRows(added);
    m_expectedMode.reset();
    setTesting(true);
    updateRanks();
}

void LatencyResultsModel::onConnected(const QString &code, double connectMs)
{
    const int row = ensureRow(code);
    m_rows[row].result.connectMs = connectMs;
    notifyRowChanged(row, {ConnectColumn}, {ConnectRole});
}

void LatencyResultsModel::onSample(const QString &code, const domain::LatencySample &sample)
{
    const int row = ensureRow(code);
    LatencyResult &result = m_rows[row].result;
    const auto same = std::find_if(
        result.samples.begin(), result.samples.end(),
        [&sample](const domain::LatencySample &s) { return s.sequence == sample.sequence; });
    if (same != result.samples.end())
        *same = sample;
    else
        result.samples.append(sample);
    result.stats = domain::computeLatencyStats(result.samples);
    notifyRowChanged(row,
                     {QualityColumn, AverageColumn, MedianColumn, P95Column, JitterColumn,
                      LossColumn, RangeColumn, SamplesColumn},
                     statsRoles());
}

void LatencyResultsModel::onRegionFinished(const LatencyResult &result)
{
    const int row = ensureRow(result.regionCode);
    Row &r = m_rows[row];
    r.result = result;
    if (!result.samples.isEmpty())
        r.result.stats = domain::computeLatencyStats(result.samples);
    r.testing = false;
    r.cached = false;
    r.modeKnown = true;
    notifyWholeRow(row);
    updateRanks();
    const bool anyTesting =
        std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &x) { return x.testing; });
    if (!anyTesting)
        onFinished();
}

void LatencyResultsModel::follow(LatencyProber *prober)
{
    // Member-function connections with UniqueConnection: a second call adds
    // nothing.
    connect(prober, &LatencyProber::started, this, &LatencyResultsModel::onStarted,
            Qt::UniqueConnection);
    connect(prober, &LatencyProber::connected, this, &LatencyResultsModel::onConnected,
            Qt::UniqueConnection);
    connect(prober, &LatencyProber::sampleMeasured, this, &LatencyResultsModel::onSample,
            Qt::UniqueConnection);
    connect(prober, &LatencyProber::regionFinished, this, &LatencyResultsModel::onRegionFinished,
            Qt::UniqueConnection);
    connect(prober, &LatencyProber::finished, this, &LatencyResultsModel::onFinished,
            Qt::UniqueConnection);
    connect(prober, &LatencyProber::cancelled, this, &LatencyResultsModel::onFinished,
            Qt::UniqueConnection);
}

void LatencyResultsModel::onFinished()
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).testing) {
            m_rows[row].testing = false;
            notifyWholeRow(static_cast<int>(row));
        }
    }
    updateRanks();
    sortRows();
    setTesting(false);
}

int LatencyResultsModel::ensureRow(const QString &code)
{
    int row = rowOf(code);
    if (row < 0) {
        Row fresh;
        fresh.result.regionCode = code;
        fresh.testing = true;
        fresh.modeKnown = false;
        appendRows({fresh});
        row = rowCount() - 1;
    } else if (!m_rows.at(row).testing) {
        // A sample for a row not announced by onStarted: it is being tested,
        // by a mode nobody told.
        Row fresh;
        fresh.result.regionCode = code;
        fresh.testing = true;
        fresh.modeKnown = false;
        m_rows[row] = fresh;
        notifyWholeRow(row);
    }
    setTesting(true);
    return row;
}

void LatencyResultsModel::appendRows(const QList<Row> &rows)
{
    if (rows.isEmpty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_rows.append(rows);
    endInsertRows();
}

void LatencyResultsModel::setTesting(bool testing)
{
    if (m_testing == testing)
        return;
    m_testing = testing;
    Q_EMIT testingChanged(testing);
}

// Ranks among finished rows with a reply; ties where ranges overlap.
void LatencyResultsModel::updateRanks()
{
    QList<qsizetype> ranked;
    QList<domain::LatencyStats> stats;
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        const Row &r = m_rows.at(row);
        if (!r.testing && measured(r.result.stats)) {
            ranked.append(row);
            stats.append(r.result.stats);
        }
    }
    const QList<int> ranks = domain::rankWithTies(stats);
    QList<int> rankOf(m_rows.size(), 0);
    for (qsizetype i = 0; i < ranked.size(); ++i)
        rankOf[ranked.at(i)] = ranks.at(i);

    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        const int rank = rankOf.at(row);
        const bool tied = rank > 0 && ranks.count(rank) > 1;
        Row &r = m_rows[row];
        if (r.rank == rank && r.tied == tied)
            continue;
        r.rank = rank;
        r.tied = tied;
        notifyRowChanged(static_cast<int>(row), {RankColumn}, {RankRole, TiedRole});
    }
}

// Rows with a reply by average, then the rest in their current order. Done
// only between tests, so rows never move while being watched.
void LatencyResultsModel::sortRows()
{
    QList<qsizetype> order(m_rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) {
        const domain::LatencyStats &x = m_rows.at(a).result.stats;
        const domain::LatencyStats &y = m_rows.at(b).result.stats;
        if (measured(x) != measured(y))
            return measured(x);
        return measured(x) && x.averageMs < y.averageMs;
    });
    bool moved = false;
    for (qsizetype i = 0; i < order.size(); ++i)
        moved = moved || order.at(i) != i;
    if (!moved)
        return;

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QList<int> newRowOf(order.size());
    QList<Row> sorted;
    sorted.reserve(m_rows.size());
    for (qsizetype i = 0; i < order.size(); ++i) {
        newRowOf[order.at(i)] = static_cast<int>(i);
        sorted.append(m_rows.at(order.at(i)));
    }
    m_rows = std::move(sorted);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(this->index(newRowOf.at(index.row()), index.column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// One dataChanged per run of adjacent changed cells, and one across the row
// for the row-wide roles that changed.
void LatencyResultsModel::notifyRowChanged(int row, const QList<int> &columns,
                                           const QList<int> &rowRoles)
{
    QList<int> sorted = columns;
    std::sort(sorted.begin(), sorted.end());
    qsizetype i = 0;
    while (i < sorted.size()) {
        qsizetype j = i;
        while (j + 1 < sorted.size() && sorted.at(j + 1) == sorted.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(index(row, sorted.at(i)), index(row, sorted.at(j)));
        i = j + 1;
    }
    if (!rowRoles.isEmpty())
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), rowRoles);
}

void LatencyResultsModel::notifyWholeRow(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace waddle::client
