// The Connect dialog opens on the connection the window has, and Enter does
// not switch servers by itself (issue 10).
#include "ui/connectdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTest>

using namespace waddle;
using namespace Qt::StringLiterals;

class TestConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void opensOnARemoteServer();
    void opensOnALocalServerThatIsNotTheDemo();
    void opensOnTheDemo();
    void enterDoesNotSwitchAway();
    void keyPlaceholderFits();

private:
    template <typename T>
    static T *child(ui::ConnectDialog &dialog, const QString &name)
    {
        auto *found = dialog.findChild<T *>(name);
        if (!found)
            qFatal("no child %s", qPrintable(name));
        return found;
    }
};

void TestConnectDialog::init()
{
    QSettings().clear();
}

void TestConnectDialog::opensOnARemoteServer()
{
    ui::ConnectDialog dialog(QUrl(u"https://regions.example.com"_s), u"wrk_secret"_s, false);
    QVERIFY(child<QRadioButton>(dialog, u"remote"_s)->isChecked());
    QVERIFY(!dialog.useDemo());
    QCOMPARE(dialog.server(), QUrl(u"https://regions.example.com"_s));
    QCOMPARE(dialog.apiKey(), u"wrk_secret"_s);
    QVERIFY(dialog.isCurrentConnection());
    const QString now = child<QLabel>(dialog, u"currentConnection"_s)->text();
    QVERIFY2(now.contains(u"regions.example.com"_s) && now.contains(u"with an API key"_s),
             qPrintable(now));
}

void TestConnectDialog::opensOnALocalServerThatIsNotTheDemo()
{
    // A separate `waddle-regiond --demo` on loopback is a server, not the
    // built-in demo fleet.
    ui::ConnectDialog dialog(QUrl(u"http://127.0.0.1:8740"_s), {}, false);
    QVERIFY(!dialog.useDemo());
    QCOMPARE(dialog.server(), QUrl(u"http://127.0.0.1:8740"_s));
    QVERIFY(
        child<QLabel>(dialog, u"currentConnection"_s)->text().contains(u"without an API key"_s));
}

void TestConnectDialog::opensOnTheDemo()
{
    ui::ConnectDialog dialog(QUrl(u"http://127.0.0.1:40123"_s), u"demo-key"_s, true);
    QVERIFY(dialog.useDemo());
    QVERIFY(dialog.isCurrentConnection());
    QVERIFY(child<QLabel>(dialog, u"currentConnection"_s)->text().contains(u"demo"_s));
}

void TestConnectDialog::enterDoesNotSwitchAway()
{
    ui::ConnectDialog dialog(QUrl(u"https://regions.example.com"_s), u"wrk_secret"_s, false);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QTest::keyClick(&dialog, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));

    // A change makes Connect (and Enter) do what it says.
    child<QComboBox>(dialog, u"server"_s)->setCurrentText(u"https://other.example.com"_s);
    QVERIFY(ok->isEnabled());
    QTest::keyClick(&dialog, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.server(), QUrl(u"https://other.example.com"_s));
}

void TestConnectDialog::keyPlaceholderFits()
{
    ui::ConnectDialog dialog(QUrl(u"https://regions.example.com"_s), {}, false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *key = child<QLineEdit>(dialog, u"key"_s);
    const int text = key->fontMetrics().horizontalAdvance(key->placeholderText());
    // The line edit's frame and text margins take a few pixels each side.
    QVERIFY2(text + 16 <= key->width(), qPrintable(u"%1 + 16 > %2"_s.arg(text).arg(key->width())));
    auto *server = child<QComboBox>(dialog, u"server"_s);
    const int url = server->fontMetrics().horizontalAdvance(server->lineEdit()->placeholderText());
    QVERIFY(url + 16 <= server->lineEdit()->width());
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
