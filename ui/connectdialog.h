#pragma once

#include <QDialog>
#include <QUrl>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace waddle::client {
class KeyStore;
} // namespace waddle::client

namespace waddle::ui {

// File › Connect to Server (SPEC §13): a control plane's URL (recent ones
// remembered) and its API key, or the built-in demo fleet. A remembered key
// goes to the system keychain (client::KeyStore). Only where no keychain
// answers (no Secret Service, offscreen, CI) does the dialog say so, and then
// the key is kept for this run only unless the user opts in to storing it
// in the settings file, in plain text, as the dialog tells them.
//
// It opens on the current connection (issue 10), and Connect stays disabled
// until the choice differs from it: Enter never switches servers by itself.
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    // What the window is connected to now: `current` (invalid for none),
    // with `currentKey`; `currentIsDemo` for the embedded demo fleet.
    // `keyStore` (not owned; may be null: no keychain) keeps the keys.
    ConnectDialog(const QUrl &current, const QString &currentKey, bool currentIsDemo,
                  client::KeyStore *keyStore = nullptr, QWidget *parent = nullptr);

    // Whether the keychain is being asked, answered, or did not answer.
    enum class Keychain
    {
        Asking,
        Answered,
        Unavailable
    };
    [[nodiscard]] Keychain keychain() const { return m_keychain; }

    [[nodiscard]] bool useDemo() const;
    // True when the choice is the connection the window already has.
    [[nodiscard]] bool isCurrentConnection() const;
    [[nodiscard]] QUrl server() const;
    [[nodiscard]] QString apiKey() const;

    // Recent servers, most recent first (QSettings).
    static QStringList recentServers();
    // Puts `server` first in the recent list and keeps its key: in
    // `keyStore` when given (any plain-text copy is then removed), else in
    // the settings file in plain text, only when `storeKey` (the opt-in).
    // `failed` hears of a keychain that did not keep it.
    static void rememberServer(const QUrl &server, const QString &apiKey, bool storeKey,
                               client::KeyStore *keyStore = nullptr,
                               std::function<void(const QString &)> failed = {});
    // The key stored in plain text for `server` (the opt-in), if any.
    static QString storedKey(const QUrl &server);

    void accept() override;

Q_SIGNALS:
    // The keychain answered, or it is known that none will.
    void keychainChanged();

private:
    void validate();
    void askKeychain(const QUrl &server);
    void showKeychain();

    QUrl m_current;
    QString m_currentKey;
    bool m_currentIsDemo = false;
    QRadioButton *m_demo;
    QRadioButton *m_remote;
    QComboBox *m_server;
    QLineEdit *m_key;
    QCheckBox *m_storeKey;
    QLabel *m_keychainStatus;
    QLabel *m_problem;
    client::KeyStore *m_keyStore = nullptr;
    Keychain m_keychain = Keychain::Unavailable;
    QString m_keychainMessage; // why none answered
    QPushButton *m_connect = nullptr;
};

} // namespace waddle::ui
