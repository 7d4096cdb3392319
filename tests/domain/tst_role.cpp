// Issue 13: the one table of which role may do which console action, which
// the console reads to disable what a key cannot do (tst_controlplane checks
// it against the server's routes); role and action names, good and bad.
#include "domain/role.h"

#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

class TestRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data();
    void table();
    void everyActionHasARow();
    void roleNames_data();
    void roleNames();
    void withArticle_data();
    void withArticle();
    void actionNames();
};

// Each action with the least role for it and, hand-checked, who may and who
// may not: "vaoOA" = viewer, analyst, owner, Operator, Admin.
void TestRole::table_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("least");
    QTest::addColumn<QString>("may"); // the roles that may, as letters of "vaoOA"
    QTest::newRow("failover") << u"failover"_s << u"operator"_s << u"OA"_s;
    QTest::newRow("fail back") << u"fail-back"_s << u"operator"_s << u"OA"_s;
    QTest::newRow("migrate waddles") << u"migrate-waddles"_s << u"owner"_s << u"oOA"_s;
    QTest::newRow("cancel migration") << u"cancel-migration"_s << u"owner"_s << u"oOA"_s;
    QTest::newRow("drain region") << u"drain-region"_s << u"operator"_s << u"OA"_s;
    QTest::newRow("optimise fleet") << u"optimise-fleet"_s << u"operator"_s << u"OA"_s;
    QTest::newRow("manage regions") << u"manage-regions"_s << u"operator"_s << u"OA"_s;
    QTest::newRow("acknowledge alert") << u"acknowledge-alert"_s << u"operator"_s << u"OA"_s;
    QTest::newRow("acknowledge trigger") << u"acknowledge-trigger"_s << u"analyst"_s << u"aoOA"_s;
    QTest::newRow("change voice region") << u"change-voice-region"_s << u"owner"_s << u"oOA"_s;
    QTest::newRow("custom metrics") << u"edit-custom-metrics"_s << u"analyst"_s << u"aoOA"_s;
    QTest::newRow("alert rules") << u"edit-alert-rules"_s << u"analyst"_s << u"aoOA"_s;
    QTest::newRow("export") << u"export-analytics"_s << u"analyst"_s << u"aoOA"_s;
    QTest::newRow("keys") << u"manage-keys"_s << u"admin"_s << u"A"_s;
}

void TestRole::table()
{
    QFETCH(QString, action);
    QFETCH(QString, least);
    QFETCH(QString, may);
    const std::optional<Action> a = actionFromString(action);
    QVERIFY(a.has_value());
    QCOMPARE(toString(requiredRole(*a)), least);
    const std::array<std::pair<QChar, Role>, 5> roles{{{u'v', Role::Viewer},
                                                       {u'a', Role::Analyst},
                                                       {u'o', Role::Owner},
                                                       {u'O', Role::Operator},
                                                       {u'A', Role::Admin}}};
    for (const auto &[letter, role] : roles) {
        QVERIFY2(permitted(role, *a) == may.contains(letter),
                 qPrintable(u"%1 may %2: expected %3"_s.arg(
                     toString(role), action, may.contains(letter) ? u"yes"_s : u"no"_s)));
    }
}

void TestRole::everyActionHasARow()
{
    // A new action without a line in table_data() fails here.
    QCOMPARE(kActionNames.size(), std::size_t{14});
}

void TestRole::roleNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("role"); // -1: not a role
    QTest::newRow("viewer") << u"viewer"_s << int(Role::Viewer);
    QTest::newRow("analyst") << u"analyst"_s << int(Role::Analyst);
    QTest::newRow("owner") << u"owner"_s << int(Role::Owner);
    QTest::newRow("operator") << u"operator"_s << int(Role::Operator);
    QTest::newRow("admin") << u"admin"_s << int(Role::Admin);
    QTest::newRow("capitalised") << u"Operator"_s << -1;
    QTest::newRow("unknown") << u"root"_s << -1;
    QTest::newRow("empty") << QString() << -1;
    QTest::newRow("padded") << u" admin"_s << -1;
}

void TestRole::roleNames()
{
    QFETCH(QString, name);
    QFETCH(int, role);
    const std::optional<Role> read = roleFromString(name);
    QCOMPARE(read.has_value(), role >= 0);
    if (read) {
        QCOMPARE(int(*read), role);
        QCOMPARE(toString(*read), name);
    }
}

void TestRole::withArticle_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("viewer") << int(Role::Viewer) << u"a viewer"_s;
    QTest::newRow("analyst") << int(Role::Analyst) << u"an analyst"_s;
    QTest::newRow("owner") << int(Role::Owner) << u"an owner"_s;
    QTest::newRow("operator") << int(Role::Operator) << u"an operator"_s;
    QTest::newRow("admin") << int(Role::Admin) << u"an admin"_s;
}

void TestRole::withArticle()
{
    QFETCH(int, role);
    QFETCH(QString, phrase);
    QCOMPARE(waddle::domain::withArticle(static_cast<Role>(role)), phrase);
}

void TestRole::actionNames()
{
    for (const auto &entry : kActionNames)
        QVERIFY(actionFromString(QString(entry.name)) == std::optional(entry.value));
    QVERIFY(!actionFromString(u"failover "_s));
    QVERIFY(!actionFromString(u"Failover"_s));
    QVERIFY(!actionFromString(QString()));
}

QTEST_APPLESS_MAIN(TestRole)
#include "tst_role.moc"
