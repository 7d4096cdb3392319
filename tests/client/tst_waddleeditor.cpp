// WaddleEditor (core/client/): the Waddles screen's flow against a real
// control plane with the demo fleet, with no widgets — open (the waddle, its
// recommendation and members), the draft, Save with If-Match, a 409 kept with
// both versions and resolved either way, live changes followed or held back
// from an unsaved choice, drafts kept per waddle, the list saved to the cache
// and served from it offline, and the Session told.
#include "client/apiclient.h"
#include "client/cache.h"
#include "client/liveevents.h"
#include "client/recommendationmodel.h"
#include "client/regionfeed.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "client/waddleeditor.h"
#include "client/waddlesmodel.h"
#include "support/await.h"
#include "support/testbackend.h"

#include <QAbstractItemModelTester>
#include <QCoroTask>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace waddle;
using namespace waddle::client;
using namespace Qt::StringLiterals;
using waddle::test::await;

namespace {

ApiClient::Options optionsFor(test::TestBackend &backend)
{
    ApiClient::Options options;
    options.baseUrl = backend.plane().baseUrl();
    options.apiKey = backend.adminKey();
    options.timeoutMs = 5000;
    options.maxRetries = 0;
    return options;
}

// One person's client: the API, the session, the regions, the stream (when
// live) and the editor, as the main window makes them.
struct Rig
{
    Rig(test::TestBackend &backend, bool live, Cache *cache = nullptr)
        : api(optionsFor(backend))
    {
        session.setServer(api.options().baseUrl);
        session.setApiKey(api.options().apiKey);
        const auto answer = await(api.regions());
        if (answer.ok())
            regions.setRegions(answer.value());
        if (live)
            events.start(api.options().baseUrl, api.options().apiKey);
        editor = std::make_unique<WaddleEditor>(api, &session, cache, live ? &events : nullptr,
                                                &regions);
    }

    // Opens `id` and waits for it to load.
    [[nodiscard]] bool open(const QString &id)
    {
        QSignalSpy loaded(editor.get(), &WaddleEditor::loaded);
        editor->open(id);
        return loaded.wait(10000);
    }

    // An online region that is neither `a` nor `b`.
    [[nodiscard]] QString anotherRegion(const QString &a, const QString &b = {}) const
    {
        for (const domain::Region &region : regions.regions()) {
            if (region.code != a && region.code != b &&
                region.status == domain::RegionStatus::Online)
                return region.code;
        }
        return {};
    }

    ApiClient api;
    Session session;
    RegionsModel regions;
    LiveEvents events;
    std::unique_ptr<WaddleEditor> editor;
};

// Someone else saves `region` for waddle `id`, with the version they read.
VersionedWaddle saveElsewhere(test::TestBackend &backend, const QString &id, const QString &region)
{
    ApiClient other(optionsFor(backend));
    const auto fresh = await(other.waddle(id));
    if (!fresh.ok())
        return {};
    const auto saved = await(other.setVoiceRegion(id, region, fresh->etag));
    return saved.ok() ? saved.value() : VersionedWaddle{};
}

// The open waddle changes elsewhere (to `theirs`) and `mine`, a third region,
// is chosen here; saving it meets a 409.
struct Diverged
{
    QString theirs;
    QString mine;
    VersionedWaddle elsewhere;
};

Diverged divergeOpenWaddle(Rig &rig, test::TestBackend &backend)
{
    const domain::Waddle original = *rig.editor->waddle();
    Diverged d;
    d.theirs = rig.anotherRegion(original.voiceRegion, original.currentRegion);
    d.mine = rig.anotherRegion(original.voiceRegion, d.theirs);
    d.elsewhere = saveElsewhere(backend, original.id, d.theirs);
    rig.editor->setChoice(d.mine);
    return d;
}

} // namespace

class TestWaddleEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void opensAWaddle();
    void openingAnUnknownWaddleFails();
    void draftThenSaveWithIfMatch();
    void choosingTheServersValueRevertsTheDraft();
    void conflictKeepTheirs();
    void conflictApplyMine();
    void conflictWithTheSameChoice();
    void liveChangeFollowedOrHeldBack();
    void draftComesBackWhenReopened();
    void membersAndRecommendation();
    void recommendationFollowsRegionStatus();
    void listIsCachedAndServedOffline();

private:
    std::unique_ptr<test::TestBackend> m_backend;
};

void TestWaddleEditor::initTestCase()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
}

void TestWaddleEditor::cleanupTestCase()
{
    m_backend.reset();
}

void TestWaddleEditor::opensAWaddle()
{
    Rig rig(*m_backend, false);
    WaddleEditor &editor = *rig.editor;
    QSignalSpy opened(&editor, &WaddleEditor::opened);
    QSignalSpy loaded(&editor, &WaddleEditor::loaded);
    QVERIFY(!editor.waddle().has_value());

    editor.open(u"w-0001"_s);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.constFirst().at(0).toString(), u"w-0001"_s);
    QCOMPARE(editor.openId(), u"w-0001"_s);
    QVERIFY(loaded.wait(10000));

    const auto server = await(rig.api.waddle(u"w-0001"_s));
    QVERIFY(server.ok());
    QVERIFY(editor.waddle() == server->waddle);
    QCOMPARE(editor.etag(), server->etag);
    QCOMPARE(editor.choice(), server->waddle.voiceRegion);
    QCOMPARE(loaded.constFirst().at(1).toString(), QString()); // no draft came back
    QVERIFY(!editor.hasUnsavedChoice());
    QVERIFY(!editor.canSave());
    QVERIFY(!editor.conflict().has_value());
    QCOMPARE(toString(rig.session.state()), toString(Session::State::Connected));

    // Opening the open one again does nothing.
    editor.open(u"w-0001"_s);
    QCOMPARE(opened.size(), 1);
}

void TestWaddleEditor::openingAnUnknownWaddleFails()
{
    Rig rig(*m_backend, false);
    QSignalSpy failed(rig.editor.get(), &WaddleEditor::loadFailed);
    QSignalSpy loaded(rig.editor.get(), &WaddleEditor::loaded);
    rig.editor->open(u"w-9999"_s);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.constFirst().at(0).value<ApiError>().status, 404);
    QVERIFY(loaded.isEmpty());
    QVERIFY(!rig.editor->waddle().has_value());
    // A 404 says nothing about the connection.
    QVERIFY(rig.session.state() != Session::State::Offline);

    // Reloading asks again (and fails again).
    rig.editor->reload();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.size(), 2);
}

void TestWaddleEditor::draftThenSaveWithIfMatch()
{
    Rig rig(*m_backend, false);
    WaddleEditor &editor = *rig.editor;
    QVERIFY(rig.open(u"w-0002"_s));
    const domain::Waddle before = *editor.waddle();
    const QString etagBefore = editor.etag();
    const QString target = rig.anotherRegion(before.voiceRegion, before.currentRegion);
    QVERIFY(!target.isEmpty());

    QSignalSpy state(&editor, &WaddleEditor::stateChanged);
    QSignalSpy choice(&editor, &WaddleEditor::choiceChanged);
    editor.setChoice(target);
    QCOMPARE(choice.size(), 1);
    QCOMPARE(choice.constFirst().at(0).toString(), target);
    QVERIFY(!state.isEmpty());
    QVERIFY(editor.hasUnsavedChoice());
    QVERIFY(editor.canSave());
    QCOMPARE(editor.etag(), etagBefore); // the draft is based on what was loaded

    QSignalSpy saving(&editor, &WaddleEditor::savingChanged);
    QSignalSpy saved(&editor, &WaddleEditor::saved);
    editor.save();
    QCOMPARE(saving.size(), 1);
    QCOMPARE(saving.constFirst().at(0).toBool(), true);
    QVERIFY(editor.isSaving());
    QVERIFY(!editor.canSave());
    QVERIFY(saved.wait(10000));
    QCOMPARE(saving.size(), 2);
    QCOMPARE(saving.constLast().at(0).toBool(), false);

    const auto server = await(rig.api.waddle(u"w-0002"_s));
    QVERIFY(server.ok());
    QCOMPARE(server->waddle.voiceRegion, target);
    QCOMPARE(server->waddle.version, before.version + 1);
    QVERIFY(saved.constFirst().at(0).value<domain::Waddle>() == server->waddle);
    QVERIFY(editor.waddle() == server->waddle);
    QCOMPARE(editor.etag(), server->etag);
    QVERIFY(editor.etag() != etagBefore);
    QVERIFY(!editor.hasUnsavedChoice());
    // The list shows it too.
    const int row = editor.waddles().rowOf(u"w-0002"_s);
    if (row >= 0)
        QCOMPARE(editor.waddles().waddle(row)->voiceRegion, target);
}

void TestWaddleEditor::choosingTheServersValueRevertsTheDraft()
{
    Rig rig(*m_backend, false);
    WaddleEditor &editor = *rig.editor;
    QVERIFY(rig.open(u"w-0003"_s));
    const domain::Waddle waddle = *editor.waddle();
    QSignalSpy reverted(&editor, &WaddleEditor::draftReverted);
    editor.setChoice(rig.anotherRegion(waddle.voiceRegion));
    QVERIFY(editor.canSave());
    QVERIFY(reverted.isEmpty());
    editor.setChoice(waddle.voiceRegion);
    QCOMPARE(reverted.size(), 1);
    QVERIFY(!editor.hasUnsavedChoice());
    QVERIFY(!editor.canSave());
    QCOMPARE(editor.etag(), domain::waddleETag(waddle));
    // Nothing to save: save() does nothing.
    QSignalSpy saving(&editor, &WaddleEditor::savingChanged);
    editor.save();
    QVERIFY(saving.isEmpty());
}

void TestWaddleEditor::conflictKeepTheirs()
{
    Rig rig(*m_backend, false);
    WaddleEditor &editor = *rig.editor;
    QVERIFY(rig.open(u"w-0004"_s));
    const auto [theirs, mine, elsewhere] = divergeOpenWaddle(rig, *m_backend);
    QVERIFY(!theirs.isEmpty() && !mine.isEmpty());
    QCOMPARE(elsewhere.waddle.voiceRegion, theirs);

    QSignalSpy conflict(&editor, &WaddleEditor::conflictChanged);
    QSignalSpy saved(&editor, &WaddleEditor::saved);
    editor.save(); // with the ETag of the original: 409
    QVERIFY(conflict.wait(10000));
    QVERIFY(saved.isEmpty());

    // Both versions: theirs as the waddle and in conflict(), mine as the choice.
    QVERIFY(editor.conflict().has_value());
    QVERIFY(editor.conflict()->waddle == elsewhere.waddle);
    QCOMPARE(editor.conflict()->etag, elsewhere.etag);
    QVERIFY(editor.waddle() == elsewhere.waddle);
    QCOMPARE(editor.choice(), mine);
    QVERIFY(!editor.canSave());
    QVERIFY(!editor.isSaving());
    QCOMPARE(toString(rig.session.state()), toString(Session::State::Connected));

    QSignalSpy kept(&editor, &WaddleEditor::keptTheirs);
    editor.keepTheirs();
    QCOMPARE(kept.size(), 1);
    QVERIFY(kept.constFirst().at(0).value<domain::Waddle>() == elsewhere.waddle);
    QCOMPARE(conflict.size(), 2);
    QVERIFY(!editor.conflict().has_value());
    QCOMPARE(editor.choice(), theirs);
    QCOMPARE(editor.etag(), elsewhere.etag);
    QVERIFY(!editor.hasUnsavedChoice());
    // Nothing changed on the server.
    const auto server = await(rig.api.waddle(u"w-0004"_s));
    QVERIFY(server->waddle == elsewhere.waddle);
}

void TestWaddleEditor::conflictApplyMine()
{
    Rig rig(*m_backend, false);
    WaddleEditor &editor = *rig.editor;
    QVERIFY(rig.open(u"w-0005"_s));
    const auto [theirs, mine, elsewhere] = divergeOpenWaddle(rig, *m_backend);
    QCOMPARE(elsewhere.waddle.voiceRegion, theirs);

    QSignalSpy conflict(&editor, &WaddleEditor::conflictChanged);
    editor.save();
    QVERIFY(conflict.wait(10000));
    QVERIFY(editor.conflict().has_value());

    // Mine again, over their version (its ETag).
    QSignalSpy saved(&editor, &WaddleEditor::saved);
    editor.applyMine();
    QVERIFY(!editor.conflict().has_value());
    QVERIFY(editor.isSaving());
    QVERIFY(saved.wait(10000));
    const auto server = await(rig.api.waddle(u"w-0005"_s));
    QCOMPARE(server->waddle.voiceRegion, mine);
    QCOMPARE(server->waddle.version, elsewhere.waddle.version + 1);
    QVERIFY(editor.waddle() == server->waddle);
    QCOMPARE(editor.etag(), server->etag);
    QVERIFY(!editor.hasUnsavedChoice());
}

void TestWaddleEditor::conflictWithTheSameChoice()
{
    Rig rig(*m_backend, false);
    WaddleEditor &editor = *rig.editor;
    QVERIFY(rig.open(u"w-0006"_s));
    const domain::Waddle original = *editor.waddle();
    const QString both = rig.anotherRegion(original.voiceRegion, original.currentRegion);
    const VersionedWaddle elsewhere = saveElsewhere(*m_backend, u"w-0006"_s, both);
    QCOMPARE(elsewhere.waddle.voiceRegion, both);

    QSignalSpy same(&editor, &WaddleEditor::sameChoiceSaved);
    QSignalSpy conflict(&editor, &WaddleEditor::conflictChanged);
    editor.setChoice(both);
    editor.save();
    QVERIFY(same.wait(10000));
    QCOMPARE(same.constFirst().at(0).toString(), both);
    QVERIFY(conflict.isEmpty());
    QVERIFY(!editor.conflict().has_value());
    QVERIFY(editor.waddle() == elsewhere.waddle);
    QCOMPARE(editor.etag(), elsewhere.etag);
    QVERIFY(!editor.hasUnsavedChoice());
}

void TestWaddleEditor::liveChangeFollowedOrHeldBack()
{
    Rig rig(*m_backend, true);
    QTRY_VERIFY_WITH_TIMEOUT(rig.events.isConnected(), 10000);
    WaddleEditor &editor = *rig.editor;
    QVERIFY(rig.open(u"w-0008"_s));
    const domain::Waddle before = *editor.waddle();
    QSignalSpy changes(&editor, &WaddleEditor::serverChanged);

    // Nothing edited here: the editor follows.
    const QString first = rig.anotherRegion(before.voiceRegion, before.currentRegion);
    const VersionedWaddle one = saveElsewhere(*m_backend, u"w-0008"_s, first);
    QCOMPARE(one.waddle.voiceRegion, first);
    // (The event may come while saveElsewhere() waits: hence no wait().)
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 10000);
    QVERIFY(changes.constFirst().at(2).value<WaddleEditor::ServerChange>() ==
            WaddleEditor::ServerChange::Followed);
    QCOMPARE(editor.choice(), first);
    QCOMPARE(editor.waddle()->version, one.waddle.version);
    QCOMPARE(editor.etag(), one.etag);

    // An unsaved choice is held back, on the ETag it was based on.
    const QString mine = rig.anotherRegion(first, before.voiceRegion);
    editor.setChoice(mine);
    const QString myEtag = editor.etag();
    const VersionedWaddle two = saveElsewhere(*m_backend, u"w-0008"_s, before.voiceRegion);
    QCOMPARE(two.waddle.voiceRegion, before.voiceRegion);
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 2, 10000);
    QVERIFY(changes.constLast().at(2).value<WaddleEditor::ServerChange>() ==
            WaddleEditor::ServerChange::KeptYourChoice);
    QVERIFY(!changes.constLast().at(1).toString().isEmpty()); // the reason
    QCOMPARE(editor.choice(), mine);
    QCOMPARE(editor.etag(), myEtag);
    QCOMPARE(editor.waddle()->version, two.waddle.version);
    QVERIFY(editor.hasUnsavedChoice());
}

void TestWaddleEditor::draftComesBackWhenReopened()
{
    Rig rig(*m_backend, false);
    WaddleEditor &editor = *rig.editor;
    QVERIFY(rig.open(u"w-0009"_s));
    const domain::Waddle waddle = *editor.waddle();
    const QString draft = rig.anotherRegion(waddle.voiceRegion);
    editor.setChoice(draft);

    QVERIFY(rig.open(u"w-0011"_s));
    QVERIFY(!editor.hasUnsavedChoice());
    QCOMPARE(editor.choice(), editor.waddle()->voiceRegion);

    QSignalSpy loaded(&editor, &WaddleEditor::loaded);
    editor.open(u"w-0009"_s);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.constFirst().at(1).toString(), draft);
    QCOMPARE(editor.choice(), draft);
    QVERIFY(editor.hasUnsavedChoice());
    QCOMPARE(editor.etag(), domain::waddleETag(waddle));
}

void TestWaddleEditor::membersAndRecommendation()
{
    Rig rig(*m_backend, false);
    WaddleEditor &editor = *rig.editor;
    QAbstractItemModelTester tester(&editor.recommendation(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy members(&editor, &WaddleEditor::membersLoaded);
    QSignalSpy counted(&editor, &WaddleEditor::membersCounted);
    QSignalSpy recommended(&editor, &WaddleEditor::recommendationLoaded);
    QVERIFY(rig.open(u"w-0010"_s));
    QTRY_COMPARE_WITH_TIMEOUT(members.size(), 1, 10000);
    QCOMPARE(members.constFirst().at(0).toString(), u"w-0010"_s);
    const auto groups = members.constFirst().at(1).value<QList<domain::LocationGroup>>();
    QVERIFY(!groups.isEmpty());
    QCOMPARE(members.constFirst().at(2).toString(), editor.waddle()->currentRegion);
    QCOMPARE(counted.size(), 1);
    QCOMPARE(counted.constFirst().at(0).value<qsizetype>(), groups.size());

    QTRY_COMPARE_WITH_TIMEOUT(recommended.size(), 1, 10000);
    const auto answer = recommended.constFirst().at(0).value<RecommendationAnswer>();
    const auto server = await(rig.api.recommendation(u"w-0010"_s));
    QVERIFY(server.ok());
    QVERIFY(answer == server.value());
    if (answer.recommendation) {
        QCOMPARE(editor.recommendation().rowCount(), answer.recommendation->scores.size());
    } else {
        QCOMPARE(editor.recommendation().rowCount(), 0);
    }
}

// Issue 10 item 2: a region going offline (and coming back) changes who is
// eligible; the open waddle's recommendation is asked for again on each
// status change the stream brings, not left as it was when opened.
void TestWaddleEditor::recommendationFollowsRegionStatus()
{
    test::TestBackend backend([](cp::ControlPlaneOptions &o) { o.healthIntervalMs = 200; });
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    Rig rig(backend, true);
    // The feed carries the stream's status events into the regions model,
    // as in the main window.
    RegionFeed feed(rig.api, rig.session, rig.events, rig.regions, nullptr);
    WaddleEditor &editor = *rig.editor;
    editor.setRefreshDelay(std::chrono::milliseconds(50));
    QSignalSpy recommended(&editor, &WaddleEditor::recommendationLoaded);
    QVERIFY(rig.open(u"w-0010"_s));
    QTRY_COMPARE_WITH_TIMEOUT(recommended.size(), 1, 10000);
    const auto eligibility = [](const QList<QVariant> &args, const QString &code) {
        const auto answer = args.at(0).value<RecommendationAnswer>();
        if (!answer.recommendation)
            return QString();
        for (const domain::RegionScore &score : answer.recommendation->scores) {
            if (score.code == code)
                return score.eligible ? u"eligible"_s : u"not eligible"_s;
        }
        return QString();
    };
    QCOMPARE(eligibility(recommended.constFirst(), u"eu-west"_s), u"eligible"_s);

    recommended.clear();
    const auto auth = QList<std::pair<QByteArray, QByteArray>>{
        {"Authorization", "Bearer " + backend.adminKey().toLatin1()}};
    QCOMPARE(backend
                 .send("POST", u"/api/v1/sim/regions/eu-west/fault"_s,
                       QJsonObject{{u"kind"_s, u"offline"_s}}, backend.adminKey())
                 .status,
             200);
    QTRY_VERIFY_WITH_TIMEOUT(!recommended.isEmpty() &&
                                 eligibility(recommended.constLast(), u"eu-west"_s) ==
                                     u"not eligible"_s,
                             15000);

    recommended.clear();
    QCOMPARE(backend.request("DELETE", u"/api/v1/sim/regions/eu-west/fault"_s, {}, auth).status,
             200);
    QTRY_VERIFY_WITH_TIMEOUT(!recommended.isEmpty() && eligibility(recommended.constLast(),
                                                                   u"eu-west"_s) == u"eligible"_s,
                             15000);
    // The table shows the newest answer.
    const auto last = recommended.constLast().at(0).value<RecommendationAnswer>();
    QCOMPARE(editor.recommendation().rowCount(), last.recommendation->scores.size());
}

void TestWaddleEditor::listIsCachedAndServedOffline()
{
    QTemporaryDir dir;
    auto opened = Cache::open(dir.filePath(u"cache.db"_s));
    QVERIFY(opened.ok());
    const std::unique_ptr<Cache> cache = std::move(opened).value();

    // Its own server, to stop it afterwards.
    auto backend = std::make_unique<test::TestBackend>();
    QVERIFY(backend->ok());
    const QUrl server = backend->plane().baseUrl();
    qsizetype firstPage = 0;
    {
        Rig rig(*backend, false, cache.get());
        WaddlesModel &list = rig.editor->waddles();
        QTRY_VERIFY_WITH_TIMEOUT(list.rowCount() > 0 && !list.loading(), 10000);
        firstPage = list.rowCount();
        QVERIFY(!rig.editor->listCachedSince().has_value());
        // Each page is saved as it comes.
        const auto saved = cache->waddles(server);
        QVERIFY(saved.has_value());
        QCOMPARE(saved->value.size(), firstPage);
    }

    // The server is gone: the list comes from the cache, and says since when.
    ApiClient::Options options = optionsFor(*backend);
    backend.reset();
    ApiClient api(options);
    Session session;
    session.setServer(server);
    WaddleEditor editor(api, &session, cache.get(), nullptr, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(editor.waddles().rowCount() > 0, 10000);
    QCOMPARE(editor.waddles().rowCount(), firstPage);
    QVERIFY(editor.listCachedSince().has_value());
    QCOMPARE(*editor.listCachedSince(), cache->waddles(server)->savedAt);
    QVERIFY(!editor.waddles().hasError());
    QVERIFY(session.state() != Session::State::Connected);
}

QTEST_MAIN(TestWaddleEditor)
#include "tst_waddleeditor.moc"
