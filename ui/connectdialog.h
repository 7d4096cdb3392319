#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace waddle::ui {

// File › Connect to Server (SPEC §13): a control plane's URL (recent ones
// remembered) and its API key, or the built-in demo fleet. QtKeychain is not
// part of this build, so the key is kept only for this run unless the user
// opts in to storing it in the settings file, in plain text, and is told so.
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
    ConnectDialog(const QUrl &current, const QString &currentKey, bool currentIsDemo,
                  QWidget *parent = nullptr);

    [[nodiscard]] bool useDemo() const;
    // True when the choice is the connection the window already has.
    [[nodiscard]] bool isCurrentConnection() const;
    [[nodiscard]] QUrl server() const;
    [[nodiscard]] QString apiKey() const;

    // Recent servers, most recent first (QSettings).
    static QStringList recentServers();
    static void rememberServer(const QUrl &server, const QString &apiKey, bool storeKey);
    static QString storedKey(const QUrl &server);

    void accept() override;

private:
    void validate();

    QUrl m_current;
    QString m_currentKey;
    bool m_currentIsDemo = false;
    QRadioButton *m_demo;
    QRadioButton *m_remote;
    QComboBox *m_server;
    QLineEdit *m_key;
    QCheckBox *m_storeKey;
    QLabel *m_problem;
    QPushButton *m_connect = nullptr;
};

} // namespace waddle::ui
