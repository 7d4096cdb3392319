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

ConnectDialog::ConnectDialog(const QUrl &current, QWidget *parent)
    : QDialog(parent)
    , m_demo(new QRadioButton(tr("The built-in &demo fleet (simulated, on this computer)")))
    , m_remote(new QRadioButton(tr("A control &plane:")))
    , m_server(new QComboBox)
    , m_key(new QLineEdit)
    , m_storeKey(new QCheckBox(tr("&Remember the key on this computer")))
    , m_problem(new QLabel)
{
    setWindowTitle(tr("Connect to Server"));
    m_server->setEditable(true);
    m_server->addItems(recentServers());
    m_server->setCurrentText(current.isValid() && !current.host().startsWith(u"127.")
                                 ? current.toString()
                                 : recentServers().value(0));
    m_server->lineEdit()->setPlaceholderText(QStringLiteral("https://regions.example.com"));
    m_server->setAccessibleName(tr("Server URL"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("wrk_… (needed for waddles and operator actions)"));
    m_key->setAccessibleName(tr("API key"));
    m_key->setText(storedKey(QUrl(m_server->currentText())));
    m_storeKey->setToolTip(tr("No system keychain is available to this build: a remembered key "
                              "is kept in plain text in the settings file."));
    m_storeKey->setChecked(!m_key->text().isEmpty());
    m_problem->setStyleSheet(QStringLiteral("color: #D55E00;"));
    m_problem->setWordWrap(true);

    const bool demoNow = !current.isValid() || current.host().startsWith(u"127.");
    (demoNow ? m_demo : m_remote)->setChecked(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_server);
    form->addRow(tr("API &key:"), m_key);
    form->addRow(QString(), m_storeKey);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
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
    validate();
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
}

void ConnectDialog::accept()
{
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
