#include "connectdialog.h"

#include "client/keystore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace waddle::ui {

namespace {

constexpr int kMaxRecent = 10;

QString keySetting(const QUrl &server)
{
    return QStringLiteral("servers/keys/") +
           QString::fromLatin1(
               server.toString(QUrl::StripTrailingSlash)
                   .toUtf8()
                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

ConnectDialog::ConnectDialog(const QUrl &current, const QString &currentKey, bool currentIsDemo,
                             client::KeyStore *keyStore, QWidget *parent)
    : QDialog(parent)
    , m_current(current)
    , m_currentKey(currentKey)
    , m_currentIsDemo(currentIsDemo || !current.isValid())
    , m_demo(new QRadioButton(tr("The built-in &demo fleet (simulated, on this computer)")))
    , m_remote(new QRadioButton(tr("A control &plane:")))
    , m_server(new QComboBox)
    , m_key(new QLineEdit)
    , m_storeKey(new QCheckBox(tr("&Remember the key on this computer")))
    , m_keychainStatus(new QLabel)
    , m_problem(new QLabel)
    , m_keyStore(keyStore)
    , m_keychain(keyStore ? Keychain::Asking : Keychain::Unavailable)
{
    setWindowTitle(tr("Connect to Server"));
    setObjectName(QStringLiteral("connectDialog"));
    m_demo->setObjectName(QStringLiteral("demo"));
    m_remote->setObjectName(QStringLiteral("remote"));
    m_server->setObjectName(QStringLiteral("server"));
    m_key->setObjectName(QStringLiteral("key"));
    m_storeKey->setObjectName(QStringLiteral("storeKey"));
    m_keychainStatus->setObjectName(QStringLiteral("keychainStatus"));
    m_keychainStatus->setWordWrap(true);
    m_keychainStatus->setTextFormat(Qt::PlainText);

    // Where the window is now, in words, above the choice.
    auto *now = new QLabel;
    now->setObjectName(QStringLiteral("currentConnection"));
    now->setWordWrap(true);
    now->setTextFormat(Qt::PlainText);
    if (m_currentIsDemo) {
        now->setText(
            current.isValid()
                ? tr("Now connected to the built-in demo fleet (%1).").arg(current.authority())
                : tr("Not connected to a server."));
    } else {
        now->setText(currentKey.isEmpty() ? tr("Now connected to %1, without an API key.")
                                                .arg(current.toString(QUrl::StripTrailingSlash))
                                          : tr("Now connected to %1 with an API key.")
                                                .arg(current.toString(QUrl::StripTrailingSlash)));
    }

    m_server->setEditable(true);
    m_server->addItems(recentServers());
    m_server->setCurrentText(!m_currentIsDemo ? current.toString(QUrl::StripTrailingSlash)
                                              : recentServers().value(0));
    const QString urlExample = QStringLiteral("https://regions.example.com");
    m_server->lineEdit()->setPlaceholderText(urlExample);
    m_server->setAccessibleName(tr("Server URL"));
    m_server->setMinimumContentsLength(static_cast<int>(urlExample.size()) + 4);
    m_server->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_key->setEchoMode(QLineEdit::Password);
    // Short enough to show whole; what the key is for goes below it.
    m_key->setPlaceholderText(tr("wrk_…"));
    m_key->setAccessibleName(tr("API key"));
    m_key->setToolTip(tr("Needed for waddles and operator actions; the regions and the latency "
                         "test work without one."));
    m_key->setText(!m_currentIsDemo ? currentKey : storedKey(QUrl(m_server->currentText())));
    auto *keyHint = new QLabel(tr("Needed for waddles and operator actions."));
    keyHint->setObjectName(QStringLiteral("keyHint"));
    keyHint->setWordWrap(true);
    keyHint->setForegroundRole(QPalette::PlaceholderText);
    if (!keyStore)
        m_keychainMessage = tr("this build was given no keychain");
    m_problem->setStyleSheet(QStringLiteral("color: #D55E00;"));
    m_problem->setWordWrap(true);

    (m_currentIsDemo ? m_demo : m_remote)->setChecked(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_server);
    form->addRow(tr("API &key:"), m_key);
    form->addRow(QString(), keyHint);
    // Where no keychain answers, the reason comes before the opt-in.
    form->addRow(QString(), m_keychainStatus);
    form->addRow(QString(), m_storeKey);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_connect = buttons->button(QDialogButtonBox::Ok);
    m_connect->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(now);
    layout->addSpacing(6);
    layout->addWidget(m_demo);
    layout->addWidget(m_remote);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    for (QRadioButton *r : {m_demo, m_remote})
        connect(r, &QRadioButton::toggled, this, &ConnectDialog::validate);
    connect(m_server, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        if (const QString key = storedKey(QUrl(text)); !key.isEmpty())
            m_key->setText(key);
        if (m_keychain != Keychain::Unavailable)
            askKeychain(QUrl::fromUserInput(text.trimmed()));
        validate();
    });
    connect(m_key, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    showKeychain();
    validate();
    // Whether a keychain answers, and the key it keeps for this server.
    if (m_keyStore) {
        const QUrl url = server();
        askKeychain(url.isValid() && !url.host().isEmpty()
                        ? url
                        : QUrl(QStringLiteral("https://keychain-probe.invalid")));
    }
}

void ConnectDialog::askKeychain(const QUrl &url)
{
    if (!m_keyStore || !url.isValid() || url.host().isEmpty())
        return;
    const QPointer<ConnectDialog> self(this);
    m_keyStore->readKey(url, [self, url](const client::KeyStore::Answer &answer) {
        if (!self)
            return;
        if (answer.keychainAnswered()) {
            const bool first = self->m_keychain == Keychain::Asking;
            self->m_keychain = Keychain::Answered;
            // The keychain's key for the server shown, unless the user typed
            // one or it is the current connection's (its key is shown).
            const auto same = [](const QUrl &a, const QUrl &b) {
                return a.adjusted(QUrl::StripTrailingSlash) == b.adjusted(QUrl::StripTrailingSlash);
            };
            const bool currentKeyShown = !self->m_currentIsDemo && !self->m_currentKey.isEmpty() &&
                                         same(url, self->m_current);
            if (answer.status == client::KeyStore::Status::Ok && same(self->server(), url) &&
                !self->m_key->isModified() && !currentKeyShown) {
                self->m_key->setText(answer.key);
            }
            if (first) {
                self->showKeychain();
                Q_EMIT self->keychainChanged();
            }
            return;
        }
        if (self->m_keychain == Keychain::Answered)
            return; // it answered before: one refusal does not make it go away
        self->m_keychain = Keychain::Unavailable;
        self->m_keychainMessage = answer.message;
        self->showKeychain();
        Q_EMIT self->keychainChanged();
    });
}

void ConnectDialog::showKeychain()
{
    switch (m_keychain) {
    case Keychain::Asking:
    case Keychain::Answered:
        m_storeKey->setText(tr("&Remember the key in the system keychain"));
        m_storeKey->setToolTip(
            tr("The key is kept in the system keychain (service \"waddle-regions\"), "
               "not in the settings file."));
        m_storeKey->setChecked(true);
        m_keychainStatus->setText(
            m_keychain == Keychain::Asking ? tr("Looking for the system keychain…") : QString());
        m_keychainStatus->setVisible(m_keychain == Keychain::Asking);
        m_keychainStatus->setStyleSheet(QString());
        break;
    case Keychain::Unavailable:
        m_storeKey->setText(tr("&Remember the key in plain text in the settings file"));
        m_storeKey->setToolTip(
            tr("No system keychain answered, so a remembered key can only be kept in plain "
               "text in %1, where anyone who can read your files can read it.")
                .arg(QSettings().fileName()));
        // Plain text only when the user chose it (before, or now).
        m_storeKey->setChecked(!storedKey(server()).isEmpty());
        m_keychainStatus->setText(
            m_keychainMessage.isEmpty()
                ? tr("No system keychain answered. The key is used for this run only, unless "
                     "you choose to keep it in plain text.")
                : tr("No system keychain answered (%1). The key is used for this run only, "
                     "unless you choose to keep it in plain text.")
                      .arg(m_keychainMessage));
        m_keychainStatus->setStyleSheet(QStringLiteral("color: #D55E00;"));
        m_keychainStatus->setVisible(true);
        break;
    }
}

bool ConnectDialog::isCurrentConnection() const
{
    if (m_demo->isChecked())
        return m_currentIsDemo;
    return !m_currentIsDemo &&
           server().adjusted(QUrl::StripTrailingSlash) ==
               m_current.adjusted(QUrl::StripTrailingSlash) &&
           apiKey() == m_currentKey;
}

bool ConnectDialog::useDemo() const
{
    return m_demo->isChecked();
}

QUrl ConnectDialog::server() const
{
    return QUrl::fromUserInput(m_server->currentText().trimmed());
}

QString ConnectDialog::apiKey() const
{
    return m_key->text().trimmed();
}

void ConnectDialog::validate()
{
    const bool remote = m_remote->isChecked();
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_server, m_key, m_storeKey, m_keychainStatus})
        w->setEnabled(remote);
    m_problem->clear();
    // Nothing to do while the choice is where the window already is: Enter
    // (the default button) then does nothing rather than reconnect.
    const bool same = isCurrentConnection();
    m_connect->setEnabled(!same);
    m_connect->setToolTip(same ? tr("This is the current connection.") : QString());
}

void ConnectDialog::accept()
{
    if (isCurrentConnection())
        return;
    if (m_remote->isChecked()) {
        const QUrl url = server();
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            m_problem->setText(tr("Enter the control plane's address, such as "
                                  "https://regions.example.com or http://127.0.0.1:8740."));
            return;
        }
        // A keychain still being asked is tried: a write it does not answer
        // is reported like any other.
        client::KeyStore *store = m_keychain != Keychain::Unavailable ? m_keyStore : nullptr;
        const QPointer<QWidget> window(parentWidget());
        rememberServer(url, apiKey(), m_storeKey->isChecked(), store, [window](const QString &why) {
            auto *box =
                new QMessageBox(QMessageBox::Warning, tr("API Key Not Remembered"),
                                tr("The system keychain did not keep the API key (%1). It is "
                                   "used for this run only.")
                                    .arg(why),
                                QMessageBox::Ok, window);
            box->setObjectName(QStringLiteral("keyNotRemembered"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
    }
    QDialog::accept();
}

QStringList ConnectDialog::recentServers()
{
    return QSettings().value(QStringLiteral("servers/recent")).toStringList();
}

void ConnectDialog::rememberServer(const QUrl &server, const QString &apiKey, bool storeKey,
                                   client::KeyStore *keyStore,
                                   std::function<void(const QString &)> failed)
{
    QSettings settings;
    QStringList recent = recentServers();
    const QString text = server.toString(QUrl::StripTrailingSlash);
    recent.removeAll(text);
    recent.prepend(text);
    settings.setValue(QStringLiteral("servers/recent"), recent.mid(0, kMaxRecent));
    if (keyStore) {
        // The keychain keeps it; no plain-text copy stays behind.
        settings.remove(keySetting(server));
        const auto done = [failed](const client::KeyStore::Answer &answer) {
            const bool kept = answer.status == client::KeyStore::Status::Ok ||
                              answer.status == client::KeyStore::Status::NotFound;
            if (!kept && failed)
                failed(answer.message);
        };
        if (storeKey && !apiKey.isEmpty())
            keyStore->writeKey(server, apiKey, done);
        else
            keyStore->deleteKey(server, done);
        return;
    }
    if (storeKey && !apiKey.isEmpty())
        settings.setValue(keySetting(server), apiKey);
    else
        settings.remove(keySetting(server));
}

QString ConnectDialog::storedKey(const QUrl &server)
{
    return QSettings().value(keySetting(server)).toString();
}

} // namespace waddle::ui
