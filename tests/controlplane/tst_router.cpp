// Route matching: captures, methods, unknown paths.
#include "controlplane/api/router.h"

#include <QTest>

using namespace waddle::cp;
using namespace Qt::StringLiterals;

class TestRouter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void match_data();
    void match();
};

void TestRouter::match_data()
{
    QTest::addColumn<Method>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("pattern"); // empty: no match
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("allowed");
    QTest::newRow("list") << Method::Get << u"/api/v1/regions"_s << u"/api/v1/regions"_s
                          << QString() << 0;
    // A literal segment wins over a capture declared after it.
    QTest::newRow("literal before capture") << Method::Get << u"/api/v1/regions/health"_s
                                            << u"/api/v1/regions/health"_s << QString() << 0;
    QTest::newRow("capture") << Method::Get << u"/api/v1/regions/eu-west"_s
                             << u"/api/v1/regions/{code}"_s << u"eu-west"_s << 0;
    QTest::newRow("nested capture") << Method::Get << u"/api/v1/regions/eu-west/health"_s
                                    << u"/api/v1/regions/{code}/health"_s << u"eu-west"_s << 0;
    QTest::newRow("trailing slash")
        << Method::Get << u"/api/v1/regions/"_s << u"/api/v1/regions"_s << QString() << 0;
    QTest::newRow("wrong method") << Method::Delete << u"/api/v1/regions"_s << QString()
                                  << QString() << 1;
    QTest::newRow("unknown") << Method::Get << u"/api/v1/nothing"_s << QString() << QString() << 0;
    // Issue 15: an encoded "/" is data inside its segment, not a separator;
    // other escapes decode too.
    QTest::newRow("encoded slash") << Method::Get << u"/api/v1/regions/eu%2Fwest"_s
                                   << u"/api/v1/regions/{code}"_s << u"eu/west"_s << 0;
    QTest::newRow("encoded slash, nested") << Method::Get << u"/api/v1/regions/a%2Fb/health"_s
                                           << u"/api/v1/regions/{code}/health"_s << u"a/b"_s << 0;
    QTest::newRow("encoded literal") << Method::Get << u"/api/v1/regions/%68ealth"_s
                                     << u"/api/v1/regions/health"_s << QString() << 0;
    QTest::newRow("too deep") << Method::Get << u"/api/v1/regions/a/b/c"_s << QString() << QString()
                              << 0;
}

void TestRouter::match()
{
    QFETCH(Method, method);
    QFETCH(QString, path);
    QFETCH(QString, pattern);
    QFETCH(QString, code);
    QFETCH(int, allowed);
    Router router;
    for (const QString &p : {u"/api/v1/regions"_s, u"/api/v1/regions/health"_s,
                             u"/api/v1/regions/{code}"_s, u"/api/v1/regions/{code}/health"_s})
        router.add(Route{Method::Get, p, Access::Public, {}, {}, {}, {}, {}, {}});
    const Router::Match m = router.match(method, path);
    QCOMPARE(m.route ? m.route->pattern : QString(), pattern);
    QCOMPARE(m.params.value(u"code"_s), code);
    QCOMPARE(m.allowed.size(), allowed);
}

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
