#include "waddleeditor.h"

#include "apiclient.h"
#include "cache.h"
#include "liveevents.h"
#include "recommendationmodel.h"
#include "regionsmodel.h"
#include "session.h"
#include "waddlesmodel.h"

#include <QPointer>

#include <algorithm>

namespace waddle::client {

namespace {

// GET /waddles/{id}/members answers at most this many per page.
constexpr qint64 kMemberPageSize = 500;

} // namespace

WaddleEditor::WaddleEditor(ApiClient &api, Session *session, Cache *cache, LiveEvents *events,
                           const RegionsModel *regions, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_session(session)
    , m_cache(cache)
    , m_regions(regions)
{
    const QPointer<WaddleEditor> self(this);
    m_waddles = new WaddlesModel(
        [self](qint64 offset, qint64 limit, WaddlesModel::Done done) {
            // The model's own guard drops an answer that comes after it (and
            // this editor) is gone.
            if (self)
                self->fetchPage(offset, limit, std::move(done));
        },
        this);
    m_recommendation = new RecommendationModel(this);

    if (events) {
        connect(events, &LiveEvents::waddleChanged, this,
                [this](const domain::Waddle &waddle, const QString &, const QString &,
                       const QString &reason) { onWaddleChanged(waddle, reason); });
    }
    // The list belongs to a server: load it once there is one, and again
    // when the session is pointed at another.
    if (m_session) {
        connect(m_session, &Session::serverChanged, this, [this] {
            if (m_session->server().isValid())
                m_waddles->reload();
        });
        // Back after an outage: what was worked out meanwhile may be stale.
        connect(m_session, &Session::stateChanged, this, [this](Session::State state) {
            if (state == Session::State::Reconnecting || state == Session::State::Offline)
                m_connectionLost = true;
            else if (state == Session::State::Connected && std::exchange(m_connectionLost, false))
                m_refreshTimer.start();
        });
    }
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kDefaultRefreshDelay);
    connect(&m_refreshTimer, &QTimer::timeout, this, &WaddleEditor::refreshRecommendation);
    watchRegionStatus();
    if (!m_session || m_session->server().isValid())
        m_waddles->reload();
}

WaddleEditor::~WaddleEditor() = default;

// One page of GET /waddles for the list model, saved to the cache as it
// comes; when the server cannot be reached, the page is served from the
// last saved list instead and listCachedSince() says when that list was
// saved (SPEC §13: open with the last known state, and say how old it is).
// A call cancelled by the client's destruction resumes later, when the
// session may be gone too: hence QPointer, and a cancelled call touches
// nothing else.
QCoro::Task<> WaddleEditor::fetchPage(qint64 offset, qint64 limit,
                                      std::function<void(ApiResult<WaddlePage>)> done)
{
    const QPointer<WaddleEditor> self(this);
    const QPointer<Session> session(m_session);
    Cache *cache = m_cache;
    ApiResult<WaddlePage> page = co_await m_api.waddles(offset, limit);
    if (!self || (!page.ok() && page.error().kind == ApiError::Kind::Cancelled)) {
        done(std::move(page));
        co_return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QUrl server = session ? session->server() : QUrl();
    if (session) {
        if (page.ok())
            session->markSuccess(now);
        else
            session->markFailure(page.error(), now);
    }
    if (page.ok()) {
        if (cache && server.isValid()) {
            if (const domain::Result<void> kept = cache->saveWaddles(server, page->items, now);
                !kept) {
                // The page is shown; only the next offline start misses it.
                qWarning("cache: waddles not saved: %s", qPrintable(kept.error().message));
            }
        }
        m_cachedSince.reset();
    } else if (cache && server.isValid() && page.error().isTransient()) {
        if (auto cached = cache->waddles(server); cached && !cached->value.isEmpty()) {
            QList<domain::Waddle> all = std::move(cached->value);
            std::sort(all.begin(), all.end(),
                      [](const domain::Waddle &a, const domain::Waddle &b) { return a.id < b.id; });
            m_cachedSince = cached->savedAt;
            done(slicePage(all, offset, limit));
            co_return;
        }
    }
    done(std::move(page));
}

// --- Open ----------------------------------------------------------------------

void WaddleEditor::open(const QString &id)
{
    if (id.isEmpty() || id == m_openId)
        return;
    if (hasUnsavedChoice())
        m_drafts.insert(m_openId, m_choice);
    m_openId = id;
    ++m_ticket;
    m_waddle.reset();
    m_etag.clear();
    m_conflict.reset();
    m_changedWhileSaving.reset();
    m_groups.reset();
    m_membersRegion.reset();
    m_recommendation->clear(QString());
    setChoiceQuietly(QString());
    Q_EMIT opened(id);
    Q_EMIT stateChanged();

    loadWaddle(id, m_ticket);
    loadRecommendation(id, m_ticket);
    loadMembers(id, m_ticket);
}

void WaddleEditor::reload()
{
    const QString id = std::exchange(m_openId, QString());
    open(id);
}

QCoro::Task<> WaddleEditor::loadWaddle(QString id, quint64 ticket)
{
    const QPointer<WaddleEditor> self(this);
    ApiResult<VersionedWaddle> result = co_await m_api.waddle(id);
    if (!self || ticket != m_ticket)
        co_return;
    if (!result.ok()) {
        noteFailure(result.error());
        Q_EMIT loadFailed(result.error());
        co_return;
    }
    noteSuccess();
    const VersionedWaddle &answer = result.value();
    m_waddle = answer.waddle;
    m_etag = answer.etag;
    m_waddles->updateWaddle(answer.waddle);
    // An unsaved choice left behind on this waddle comes back.
    QString draft = m_drafts.take(answer.waddle.id);
    if (draft == answer.waddle.voiceRegion || !canChoose(draft))
        draft.clear();
    setChoiceQuietly(draft.isEmpty() ? answer.waddle.voiceRegion : draft);
    Q_EMIT loaded(answer.waddle, draft);
    Q_EMIT waddleChanged();
    Q_EMIT stateChanged();
    emitMembers();
}

void WaddleEditor::watchRegionStatus()
{
    if (!m_regions)
        return;
    // The list names regions as the regions model does.
    m_waddles->setRegionNames(m_regions->regionNames());
    connect(m_regions, &QAbstractItemModel::modelReset, this,
            [this] { m_waddles->setRegionNames(m_regions->regionNames()); });
    // A region's status (and so its eligibility) changed: StatusRole across
    // its row, or whole rows when the catalogue came again.
    connect(m_regions, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.isEmpty() || roles.contains(RegionsModel::StatusRole))
                    m_refreshTimer.start();
            });
    connect(m_regions, &QAbstractItemModel::modelReset, &m_refreshTimer,
            qOverload<>(&QTimer::start));
}

void WaddleEditor::refreshRecommendation()
{
    m_refreshTimer.stop();
    if (!m_openId.isEmpty())
        loadRecommendation(m_openId, m_ticket);
}

void WaddleEditor::setRefreshDelay(std::chrono::milliseconds delay)
{
    m_refreshTimer.setInterval(delay);
}

std::chrono::milliseconds WaddleEditor::refreshDelay() const
{
    return m_refreshTimer.intervalAsDuration();
}

QCoro::Task<> WaddleEditor::loadRecommendation(QString id, quint64 ticket)
{
    const QPointer<WaddleEditor> self(this);
    const quint64 asked = ++m_recommendationAsked;
    ApiResult<RecommendationAnswer> answer = co_await m_api.recommendation(id);
    if (!self || ticket != m_ticket || asked != m_recommendationAsked)
        co_return;
    if (!answer.ok()) {
        noteFailure(answer.error());
        m_recommendation->clear(answer.error().describe());
        Q_EMIT recommendationFailed(answer.error());
        co_return;
    }
    noteSuccess();
    const RecommendationAnswer &value = answer.value();
    if (value.recommendation) {
        m_recommendation->setRecommendation(*value.recommendation, m_regions
                                                                       ? m_regions->regionNames()
                                                                       : QHash<QString, QString>());
    } else {
        m_recommendation->clear(value.reason);
    }
    Q_EMIT recommendationLoaded(value);
}

QCoro::Task<> WaddleEditor::loadMembers(QString id, quint64 ticket)
{
    const QPointer<WaddleEditor> self(this);
    QList<domain::Member> members;
    qint64 offset = 0;
    while (true) {
        ApiResult<MemberPage> page = co_await m_api.members(id, offset, kMemberPageSize);
        if (!self || ticket != m_ticket)
            co_return;
        if (!page.ok()) {
            noteFailure(page.error());
            Q_EMIT membersFailed(page.error());
            co_return;
        }
        members.append(page.value().items);
        if (!page.value().nextOffset || *page.value().nextOffset <= offset ||
            page.value().items.isEmpty())
            break;
        offset = *page.value().nextOffset;
    }
    noteSuccess();
    m_groups = domain::groupByLocation(members);
    const qint64 placed = domain::totalMembers(*m_groups);
    Q_EMIT membersCounted(m_groups->size(), members.size() - placed);
    m_membersRegion.reset();
    emitMembers();
}

void WaddleEditor::emitMembers()
{
    // Once both the members and the waddle are known, and again when the
    // region they are served from changes.
    if (!m_groups || !m_waddle)
        return;
    if (m_membersRegion && *m_membersRegion == m_waddle->currentRegion)
        return;
    m_membersRegion = m_waddle->currentRegion;
    Q_EMIT membersLoaded(m_openId, *m_groups, m_waddle->currentRegion);
}

// --- The choice and saving -----------------------------------------------------

bool WaddleEditor::hasUnsavedChoice() const
{
    return m_waddle && !m_choice.isEmpty() && m_choice != m_waddle->voiceRegion;
}

bool WaddleEditor::canChoose(const QString &choice) const
{
    return choice == domain::automaticVoiceRegion() || (m_regions && m_regions->rowOf(choice) >= 0);
}

void WaddleEditor::setChoiceQuietly(const QString &choice)
{
    if (choice == m_choice)
        return;
    m_choice = choice;
    Q_EMIT choiceChanged(choice);
}

void WaddleEditor::setChoice(const QString &choice)
{
    setChoiceQuietly(choice);
    if (m_waddle && choice == m_waddle->voiceRegion) {
        // Back to what the server has: nothing stale to protect any more.
        m_etag = domain::waddleETag(*m_waddle);
        Q_EMIT draftReverted();
    }
    Q_EMIT stateChanged();
}

void WaddleEditor::save()
{
    if (!canSave())
        return;
    saveChoice(m_openId, m_choice, m_etag);
}

QCoro::Task<> WaddleEditor::saveChoice(QString id, QString region, QString etag)
{
    m_saving = true;
    Q_EMIT savingChanged(true);
    Q_EMIT stateChanged();
    const QPointer<WaddleEditor> self(this);
    ApiResult<VersionedWaddle> result = co_await m_api.setVoiceRegion(id, region, etag);
    if (!self)
        co_return;
    m_saving = false;
    Q_EMIT savingChanged(false);
    if (result.ok()) {
        noteSuccess();
        takeSaved(result.value(), id);
    } else if (result.error().isConflict()) {
        noteFailure(result.error());
        std::optional<VersionedWaddle> theirs = conflictCurrent(result.error());
        if (!theirs) {
            // No version attached: ask for it, never guess.
            ApiResult<VersionedWaddle> fresh = co_await m_api.waddle(id);
            if (!self)
                co_return;
            if (fresh.ok())
                theirs = fresh.value();
        }
        if (id != m_openId) {
            if (theirs)
                m_waddles->updateWaddle(theirs->waddle);
        } else if (theirs) {
            takeConflict(*theirs, region);
        } else {
            Q_EMIT conflictUnavailable(result.error());
        }
    } else {
        noteFailure(result.error());
        if (id == m_openId)
            Q_EMIT saveFailed(result.error());
    }
    if (m_changedWhileSaving && m_changedWhileSaving->first.id == m_openId) {
        const auto [waddle, reason] = *std::exchange(m_changedWhileSaving, std::nullopt);
        if (m_waddle && waddle.version > m_waddle->version)
            applyServerChange(waddle, reason);
    }
    m_changedWhileSaving.reset();
    Q_EMIT stateChanged();
}

void WaddleEditor::takeSaved(const VersionedWaddle &answer, const QString &id)
{
    m_waddles->updateWaddle(answer.waddle);
    m_drafts.remove(id);
    if (id != m_openId)
        return; // the person moved on; the list shows the outcome
    m_waddle = answer.waddle;
    m_etag = answer.etag;
    const bool wasInConflict = m_conflict.has_value();
    m_conflict.reset();
    if (wasInConflict)
        Q_EMIT conflictChanged();
    setChoiceQuietly(answer.waddle.voiceRegion);
    Q_EMIT saved(answer.waddle);
    Q_EMIT waddleChanged();
    emitMembers();
}

void WaddleEditor::takeConflict(const VersionedWaddle &theirs, const QString &mine)
{
    m_waddles->updateWaddle(theirs.waddle);
    m_waddle = theirs.waddle;
    if (theirs.waddle.voiceRegion == mine) {
        // They chose what you chose: nothing to decide.
        const bool wasInConflict = m_conflict.has_value();
        m_conflict.reset();
        m_etag = theirs.etag;
        if (wasInConflict)
            Q_EMIT conflictChanged();
        Q_EMIT sameChoiceSaved(mine);
    } else {
        m_conflict = theirs;
        Q_EMIT conflictChanged();
    }
    // The waddle is the server's version; the choice stays yours.
    Q_EMIT waddleChanged();
    emitMembers();
}

void WaddleEditor::applyMine()
{
    if (!m_conflict || m_saving)
        return;
    const QString etag = std::exchange(m_conflict, std::nullopt)->etag;
    m_etag = etag;
    Q_EMIT conflictChanged();
    if (m_choice.isEmpty() || !m_waddle || m_choice == m_waddle->voiceRegion) {
        Q_EMIT stateChanged();
        return;
    }
    saveChoice(m_openId, m_choice, etag);
}

void WaddleEditor::keepTheirs()
{
    if (!m_conflict || m_saving)
        return;
    const VersionedWaddle theirs = *std::exchange(m_conflict, std::nullopt);
    Q_EMIT conflictChanged();
    m_waddle = theirs.waddle;
    m_etag = theirs.etag;
    m_drafts.remove(theirs.waddle.id);
    setChoiceQuietly(theirs.waddle.voiceRegion);
    Q_EMIT keptTheirs(theirs.waddle);
    Q_EMIT waddleChanged();
    Q_EMIT stateChanged();
}

// --- Live ----------------------------------------------------------------------

void WaddleEditor::onWaddleChanged(const domain::Waddle &waddle, const QString &reason)
{
    m_waddles->updateWaddle(waddle);
    if (waddle.id != m_openId || !m_waddle || waddle.version <= m_waddle->version)
        return; // another waddle, not loaded yet, or our own save's echo
    if (m_saving) {
        m_changedWhileSaving = std::make_pair(waddle, reason);
        return;
    }
    applyServerChange(waddle, reason);
}

void WaddleEditor::applyServerChange(const domain::Waddle &waddle, const QString &reason)
{
    const bool unsaved = hasUnsavedChoice();
    m_waddle = waddle;
    ServerChange change = ServerChange::KeptYourChoice;
    if (m_conflict) {
        // The conflict offers the newest version to keep or to overwrite.
        m_conflict = VersionedWaddle{waddle, domain::waddleETag(waddle)};
        change = ServerChange::InConflict;
        Q_EMIT conflictChanged();
    } else if (!unsaved || m_choice == waddle.voiceRegion) {
        m_etag = domain::waddleETag(waddle);
        setChoiceQuietly(waddle.voiceRegion);
        change = ServerChange::Followed;
    }
    // Otherwise the person's choice and the ETag it was based on stay:
    // saving it will meet the newer version and ask (SPEC §6).
    Q_EMIT serverChanged(waddle, reason, change);
    Q_EMIT waddleChanged();
    Q_EMIT stateChanged();
    emitMembers();
}

// --- Helpers -------------------------------------------------------------------

void WaddleEditor::noteSuccess()
{
    if (m_session)
        m_session->markSuccess(QDateTime::currentDateTimeUtc());
}

void WaddleEditor::noteFailure(const ApiError &error)
{
    if (m_session)
        m_session->markFailure(error, QDateTime::currentDateTimeUtc());
}

} // namespace waddle::client
