#include "connectdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
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
                             QWidget *parent)
    : QDialog(parent)
    , m_current(current)
    , m_currentKey(currentKey)
    , m_currentIsDemo(currentIsDemo || !current.isValid())
    , m_demo(new QRadioButton(tr("The built-in &demo fleet (simulated, on this computer)")))
    , m_remote(new QRadioButton(tr("A control &plane:")))
    , m_server(new QComboBox)
    , m_key(new QLineEdit)
    , m_storeKey(new QCheckBox(tr("&Remember the key on this computer")))
    , m_problem(new QLabel)
{
    setWindowTitle(tr("Connect to Server"));
    setObjectName(QStringLiteral("connectDialog"));
    m_demo->setObjectName(QStringLiteral("demo"));
    m_remote->setObjectName(QStringLiteral("remote"));
    m_server->setObjectName(QStringLiteral("server"));
    m_key->setObjectName(QStringLiteral("key"));
    m_storeKey->setObjectName(QStringLiteral("storeKey"));

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
    m_storeKey->setToolTip(tr("No system keychain is available to this build: a remembered key "
                              "is kept in plain text in the settings file."));
    m_storeKey->setChecked(!storedKey(QUrl(m_server->currentText())).isEmpty());
    m_problem->setStyleSheet(QStringLiteral("color: #D55E00;"));
    m_problem->setWordWrap(true);

    (m_currentIsDemo ? m_demo : m_remote)->setChecked(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_server);
    form->addRow(tr("API &key:"), m_key);
    form->addRow(QString(), keyHint);
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
        validate();
    });
    connect(m_key, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    validate();
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
    for (QWidget *w : std::initializer_list<QWidget *>{m_server, m_key, m_storeKey})
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
        rememberServer(url, apiKey(), m_storeKey->isChecked());
    }
    QDialog::accept();
}

QStringList ConnectDialog::recentServers()
{
    return QSettings().value(QStringLiteral("servers/recent")).toStringList();
}

void ConnectDialog::rememberServer(const QUrl &server, const QString &apiKey, bool storeKey)
{
    QSettings settings;
    QStringList recent = recentServers();
    const QString text = server.toString(QUrl::StripTrailingSlash);
    recent.removeAll(text);
    recent.prepend(text);
    settings.setValue(QStringLiteral("servers/recent"), recent.mid(0, kMaxRecent));
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
