#pragma once

#include "apierror.h"
#include "apitypes.h"
#include "domain/placement/locationgroup.h"
#include "domain/waddle.h"
#include "pages.h"

#include <QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <optional>
#include <utility>

namespace waddle::client {

class ApiClient;
class Cache;
class LiveEvents;
class RecommendationModel;
class RegionsModel;
class Session;
class WaddlesModel;

// The Waddles screen's flow, without widgets (SPEC §5, §6): the list of
// waddles, paged from GET /waddles into a WaddlesModel (saved to the cache
// as it comes, served from it when the server cannot be reached); the open
// waddle with its recommendation (into a RecommendationModel) and members;
// the person's choice of voice region (Automatic or a region) as a draft,
// kept per waddle while they look at another; Save with the ETag the draft
// is based on (If-Match); a 409 kept with both versions until the person
// applies theirs again or keeps the server's; and live changes from the
// event stream, which never overwrite an unsaved choice silently. It tells
// the Session how each call went. The panel lays this out and binds to it.
class WaddleEditor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaddleEditor)

public:
    // How a live change of the open waddle was taken in.
    enum class ServerChange
    {
        Followed,       // nothing unsaved (or the same choice): now the server's
        KeptYourChoice, // your unsaved choice stays, on its old ETag
        InConflict,     // the conflict now offers the newest version
    };
    Q_ENUM(ServerChange)

    // `session`, `cache`, `events` and `regions` may be null; each one given
    // outlives the editor. `regions` names regions in the recommendation and
    // tells which drafts can still be chosen.
    WaddleEditor(ApiClient &api, Session *session, Cache *cache, LiveEvents *events,
                 const RegionsModel *regions, QObject *parent = nullptr);
    ~WaddleEditor() override;

    [[nodiscard]] WaddlesModel &waddles() const { return *m_waddles; }
    [[nodiscard]] RecommendationModel &recommendation() const { return *m_recommendation; }
    // When the list shown is the cache's (the server could not be reached):
    // the time that list was saved.
    [[nodiscard]] std::optional<QDateTime> listCachedSince() const { return m_cachedSince; }

    // Opens a waddle: its settings, recommendation and members load; an
    // unsaved choice of the waddle left is kept and offered again when it
    // is reopened. Opening the open one again does nothing.
    void open(const QString &id);
    // Loads the open waddle again (after it failed to load).
    void reload();
    // Asks for the open waddle's recommendation again. Done by itself, after
    // refreshDelay(), when any region's status changes (a live event or a
    // poll: the regions model says so) and when the session reconnects —
    // the winner and every region's eligibility depend on them (issue 10).
    void refreshRecommendation();
    // How long a burst of status changes is gathered before one refresh.
    void setRefreshDelay(std::chrono::milliseconds delay);
    [[nodiscard]] std::chrono::milliseconds refreshDelay() const;
    static constexpr std::chrono::milliseconds kDefaultRefreshDelay{500};

    [[nodiscard]] QString openId() const { return m_openId; }
    // The open waddle as the server last told it; nullopt until it loaded.
    [[nodiscard]] std::optional<domain::Waddle> waddle() const { return m_waddle; }
    // The ETag the draft is based on (sent as If-Match).
    [[nodiscard]] QString etag() const { return m_etag; }
    // "auto" or a region code: the person's choice, or the server's.
    [[nodiscard]] QString choice() const { return m_choice; }
    [[nodiscard]] bool hasUnsavedChoice() const;
    [[nodiscard]] bool isSaving() const { return m_saving; }
    // The server's version after a 409, while the person decides.
    [[nodiscard]] std::optional<VersionedWaddle> conflict() const { return m_conflict; }
    [[nodiscard]] bool canSave() const { return !m_saving && !m_conflict && hasUnsavedChoice(); }

    // The person picked `choice` ("auto" or a region code).
    void setChoice(const QString &choice);
    // Saves the choice with the ETag it was based on; nothing when it cannot.
    void save();
    // After a 409: save my choice over their version (its ETag).
    void applyMine();
    // After a 409: drop my choice, take theirs.
    void keepTheirs();

Q_SIGNALS:
    void opened(const QString &id);
    // The waddle loaded; `restoredDraft` is the unsaved choice that came
    // back (choice() has it), empty when none did.
    void loaded(const waddle::domain::Waddle &waddle, const QString &restoredDraft);
    void loadFailed(const waddle::client::ApiError &error);
    // waddle() changed (loaded, saved, theirs kept, changed on the server).
    void waddleChanged();
    // choice() changed, by the person or by the editor.
    void choiceChanged(const QString &choice);
    // The choice is back to the server's: nothing stale to protect any more.
    void draftReverted();
    // canSave(), isSaving() or conflict() may have changed.
    void stateChanged();
    void savingChanged(bool saving);
    void saved(const waddle::domain::Waddle &waddle);
    // A 409, but the server already has the same choice: nothing to decide.
    void sameChoiceSaved(const QString &choice);
    // A 409 began, got a newer version, or ended (conflict() says which).
    void conflictChanged();
    // A 409 whose new version could not be loaded; the choice is kept.
    void conflictUnavailable(const waddle::client::ApiError &error);
    void saveFailed(const waddle::client::ApiError &error);
    void keptTheirs(const waddle::domain::Waddle &waddle);
    void serverChanged(const waddle::domain::Waddle &waddle, const QString &reason,
                       waddle::client::WaddleEditor::ServerChange change);
    void recommendationLoaded(const waddle::client::RecommendationAnswer &answer);
    void recommendationFailed(const waddle::client::ApiError &error);
    // Distinct places members connect from, and members who never shared one.
    void membersCounted(qsizetype places, qint64 unplaced);
    void membersFailed(const waddle::client::ApiError &error);
    // Every member of the open waddle, grouped by place, and the region they
    // are served from; again whenever that region changes (the map).
    void membersLoaded(const QString &waddleId, const QList<waddle::domain::LocationGroup> &groups,
                       const QString &currentRegion);

private:
    QCoro::Task<> fetchPage(qint64 offset, qint64 limit,
                            std::function<void(ApiResult<WaddlePage>)> done);
    QCoro::Task<> loadWaddle(QString id, quint64 ticket);
    QCoro::Task<> loadRecommendation(QString id, quint64 ticket);
    void watchRegionStatus();
    QCoro::Task<> loadMembers(QString id, quint64 ticket);
    QCoro::Task<> saveChoice(QString id, QString region, QString etag);
    void takeSaved(const VersionedWaddle &answer, const QString &id);
    void takeConflict(const VersionedWaddle &theirs, const QString &mine);
    void onWaddleChanged(const domain::Waddle &waddle, const QString &reason);
    void applyServerChange(const domain::Waddle &waddle, const QString &reason);
    void setChoiceQuietly(const QString &choice);
    void emitMembers();
    [[nodiscard]] bool canChoose(const QString &choice) const;
    void noteSuccess();
    void noteFailure(const ApiError &error);

    ApiClient &m_api;
    Session *m_session;
    Cache *m_cache;
    const RegionsModel *m_regions;
    WaddlesModel *m_waddles = nullptr;
    RecommendationModel *m_recommendation = nullptr;
    std::optional<QDateTime> m_cachedSince;

    // What is open, and the state of its edit.
    QString m_openId;
    quint64 m_ticket = 0;                   // grows with every open: older answers are stale
    quint64 m_recommendationAsked = 0;      // grows with every ask: older answers are stale
    QTimer m_refreshTimer;                  // gathers status changes into one refresh
    bool m_connectionLost = false;          // refresh when the session is back
    std::optional<domain::Waddle> m_waddle; // the server's version as last known
    QString m_etag;                         // the version the person's edit is based on
    QString m_choice;
    std::optional<VersionedWaddle> m_conflict; // the server's version after a 409
    std::optional<std::pair<domain::Waddle, QString>> m_changedWhileSaving;
    bool m_saving = false;
    QHash<QString, QString> m_drafts; // unsaved choices of waddles left, by id
    std::optional<QList<domain::LocationGroup>> m_groups;
    std::optional<QString> m_membersRegion; // the current region membersLoaded last said
};

} // namespace waddle::client
