// The paged envelope of GET /waddles and GET /waddles/{id}/members.
#include "domain/analytics/usageevent.h"
#include "domain/page.h"

#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

QList<UsageEvent> events(int count)
{
    QList<UsageEvent> out;
    for (int i = 0; i < count; ++i) {
        UsageEvent e;
        e.id = QString::number(i + 1);
        e.regionCode = u"eu-west"_s;
        e.waddleId = u"w1"_s;
        e.channelId = u"c1"_s;
        e.participants = i;
        e.startedAt = QDateTime(QDate(2025, 1, 20), QTime(10, i), Qt::UTC);
        out.append(e);
    }
    return out;
}

} // namespace

class TestPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void slices_data();
    void slices();
    void roundTrip();
    void itemsAreRequired();
};

void TestPage::slices_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<int>("items");
    QTest::addColumn<qint64>("next"); // -1: none
    // 7 items in all
    QTest::newRow("first") << qint64(0) << qint64(3) << 3 << qint64(3);
    QTest::newRow("middle") << qint64(3) << qint64(3) << 3 << qint64(6);
    QTest::newRow("last") << qint64(6) << qint64(3) << 1 << qint64(-1);
    QTest::newRow("exactly the end") << qint64(4) << qint64(3) << 3 << qint64(-1);
    QTest::newRow("past the end") << qint64(9) << qint64(3) << 0 << qint64(-1);
}

void TestPage::slices()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, limit);
    QFETCH(int, items);
    QFETCH(qint64, next);
    const Page<UsageEvent> page = slicePage(events(7), offset, limit);
    QCOMPARE(page.items.size(), items);
    QCOMPARE(page.total, qint64(7));
    QCOMPARE(page.nextOffset, next < 0 ? std::nullopt : std::optional<qint64>(next));
}

void TestPage::roundTrip()
{
    for (const qint64 offset : {qint64(0), qint64(6)}) {
        const Page<UsageEvent> page = slicePage(events(7), offset, 3);
        const auto encode = [](const UsageEvent &e) { return toJson(e); };
        const QJsonObject json = pageToJson(QLatin1String("events"), page, encode);
        QCOMPARE(json.contains(u"next_offset"_s), page.nextOffset.has_value());
        const Result<Page<UsageEvent>> back =
            pageFromJson<UsageEvent>(json, QLatin1String("events"), usageEventFromJson);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(back.value(), page);
    }
}

void TestPage::itemsAreRequired()
{
    const Result<Page<UsageEvent>> back = pageFromJson<UsageEvent>(
        QJsonObject{{u"total"_s, 0}}, QLatin1String("events"), usageEventFromJson);
    QVERIFY(!back.ok());
    QCOMPARE(back.error().field, u"events"_s);
}

QTEST_GUILESS_MAIN(TestPage)
#include "tst_page.moc"
