// The Connect dialog opens on the connection the window has, and Enter does
// not switch servers by itself (issue 10). Keys go to the system keychain;
// where none answers the dialog says so and offers the plain-text opt-in,
// and nothing is stored in plain text without it (issue 13).
#include "support/fakekeystore.h"
#include "ui/connectdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
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
    void keychainKeepsTheKey();
    void noKeychainSaysSoAndStoresNothing();
    void plainTextOnlyWhenChosen();
    void withoutAStoreThereIsNoKeychain();
    void refusedWriteIsTold();

private:
    // Whether the settings file holds `secret` anywhere.
    static bool settingsHold(const QString &secret)
    {
        QSettings settings;
        const QStringList keys = settings.allKeys();
        return std::any_of(keys.cbegin(), keys.cend(), [&settings, &secret](const QString &key) {
            return settings.value(key).toString().contains(secret);
        });
    }
    static void shoot(QWidget &widget, const QString &name)
    {
        const QString dir =
            qEnvironmentVariable("WADDLE_SCREENSHOT_DIR", QDir::currentPath() + u"/screenshots"_s);
        QDir().mkpath(dir);
        widget.grab().save(dir + u'/' + name);
    }
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

void TestConnectDialog::keychainKeepsTheKey()
{
    test::FakeKeyStore store(test::FakeKeyStore::Mode::Answers);
    const QUrl server(u"https://regions.example.com"_s);
    store.keys.insert(client::serverKey(server), u"wrk_from_keychain"_s);
    ui::ConnectDialog::rememberServer(server, {}, false); // a recent server, no key
    ui::ConnectDialog dialog(QUrl(u"http://127.0.0.1:40123"_s), u"demo"_s, true, &store);
    QCOMPARE(dialog.keychain(), ui::ConnectDialog::Keychain::Asking);
    child<QRadioButton>(dialog, u"remote"_s)->setChecked(true);
    // The keychain's key for the recent server fills the field.
    QTRY_COMPARE(dialog.keychain(), ui::ConnectDialog::Keychain::Answered);
    QTRY_COMPARE(dialog.apiKey(), u"wrk_from_keychain"_s);
    auto *remember = child<QCheckBox>(dialog, u"storeKey"_s);
    QVERIFY2(remember->text().contains(u"system keychain"_s), qPrintable(remember->text()));
    QVERIFY(remember->isChecked());
    QVERIFY(child<QLabel>(dialog, u"keychainStatus"_s)->isHidden());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    shoot(dialog, u"connect-keychain.png"_s);

    // A new key goes to the keychain, never to the settings file.
    child<QLineEdit>(dialog, u"key"_s)->setText(u"wrk_new_secret"_s);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QTRY_COMPARE(store.keys.value(client::serverKey(server)), u"wrk_new_secret"_s);
    QVERIFY(!settingsHold(u"wrk_new_secret"_s));
    QVERIFY(ui::ConnectDialog::storedKey(server).isEmpty());
}

void TestConnectDialog::noKeychainSaysSoAndStoresNothing()
{
    test::FakeKeyStore store(test::FakeKeyStore::Mode::NoKeychain);
    ui::ConnectDialog dialog(QUrl(u"https://regions.example.com"_s), u"wrk_old"_s, false, &store);
    QTRY_COMPARE(dialog.keychain(), ui::ConnectDialog::Keychain::Unavailable);
    auto *status = child<QLabel>(dialog, u"keychainStatus"_s);
    QVERIFY(!status->isHidden());
    QVERIFY2(status->text().startsWith(u"No system keychain answered"_s) &&
                 status->text().contains(u"org.freedesktop.secrets"_s) &&
                 status->text().contains(u"this run only"_s),
             qPrintable(status->text()));
    auto *remember = child<QCheckBox>(dialog, u"storeKey"_s);
    QVERIFY2(remember->text().contains(u"plain text"_s), qPrintable(remember->text()));
    QVERIFY(remember->toolTip().contains(u"No system keychain answered"_s));
    // The opt-in is not made for the user.
    QVERIFY(!remember->isChecked());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    shoot(dialog, u"connect-no-keychain.png"_s);

    child<QLineEdit>(dialog, u"key"_s)->setText(u"wrk_not_kept"_s);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QTest::qWait(20);
    QVERIFY(!settingsHold(u"wrk_not_kept"_s));
    QCOMPARE(store.writes, 0);
    // The server is remembered all the same.
    QCOMPARE(ui::ConnectDialog::recentServers().value(0), u"https://regions.example.com"_s);
}

void TestConnectDialog::plainTextOnlyWhenChosen()
{
    test::FakeKeyStore store(test::FakeKeyStore::Mode::NoKeychain);
    const QUrl server(u"https://regions.example.com"_s);
    {
        ui::ConnectDialog dialog(QUrl(u"http://127.0.0.1:40123"_s), u"demo"_s, true, &store);
        QTRY_COMPARE(dialog.keychain(), ui::ConnectDialog::Keychain::Unavailable);
        child<QRadioButton>(dialog, u"remote"_s)->setChecked(true);
        child<QComboBox>(dialog, u"server"_s)->setCurrentText(server.toString());
        child<QLineEdit>(dialog, u"key"_s)->setText(u"wrk_plain_choice"_s);
        child<QCheckBox>(dialog, u"storeKey"_s)->setChecked(true);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(ui::ConnectDialog::storedKey(server), u"wrk_plain_choice"_s);
    {
        // Opened again: the key and the choice are as left.
        ui::ConnectDialog again(QUrl(u"http://127.0.0.1:40123"_s), u"demo"_s, true, &store);
        QTRY_COMPARE(again.keychain(), ui::ConnectDialog::Keychain::Unavailable);
        QVERIFY(child<QCheckBox>(again, u"storeKey"_s)->isChecked());
        QCOMPARE(again.apiKey(), u"wrk_plain_choice"_s);
        // Unticked: the plain-text copy goes.
        child<QRadioButton>(again, u"remote"_s)->setChecked(true);
        child<QLineEdit>(again, u"key"_s)->setText(u"wrk_plain_other"_s);
        child<QCheckBox>(again, u"storeKey"_s)->setChecked(false);
        again.accept();
    }
    QVERIFY(ui::ConnectDialog::storedKey(server).isEmpty());
    QVERIFY(!settingsHold(u"wrk_plain"_s));
    QCOMPARE(store.writes, 0);
}

void TestConnectDialog::withoutAStoreThereIsNoKeychain()
{
    ui::ConnectDialog dialog(QUrl(u"https://regions.example.com"_s), u"wrk_secret"_s, false);
    QCOMPARE(dialog.keychain(), ui::ConnectDialog::Keychain::Unavailable);
    QVERIFY(child<QLabel>(dialog, u"keychainStatus"_s)
                ->text()
                .contains(u"No system keychain answered"_s));
    QVERIFY(!child<QCheckBox>(dialog, u"storeKey"_s)->isChecked());
}

void TestConnectDialog::refusedWriteIsTold()
{
    test::FakeKeyStore store(test::FakeKeyStore::Mode::RefusesWrites);
    QWidget window;
    window.show();
    auto *dialog =
        new ui::ConnectDialog(QUrl(u"https://regions.example.com"_s), {}, false, &store, &window);
    QTRY_COMPARE(dialog->keychain(), ui::ConnectDialog::Keychain::Answered);
    child<QLineEdit>(*dialog, u"key"_s)->setText(u"wrk_refused"_s);
    dialog->accept();
    QTRY_VERIFY(window.findChild<QMessageBox *>(u"keyNotRemembered"_s) != nullptr);
    const QString text = window.findChild<QMessageBox *>(u"keyNotRemembered"_s)->text();
    QVERIFY2(text.contains(u"access denied"_s) && text.contains(u"this run only"_s),
             qPrintable(text));
    QVERIFY(!settingsHold(u"wrk_refused"_s));
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
