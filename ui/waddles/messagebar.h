#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QToolButton;

namespace waddle::ui {

// A one-line message inside a screen (the seed's success and failure
// toasts, SPEC §6): an icon whose shape says what kind of message it is, the
// sentence, a tinted band, and a close button. Stays until closed or
// replaced, so a person can read it at their own pace; screen readers are
// told when it appears.
class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    enum class Kind
    {
        Information,
        Success,
        Warning,
        Error
    };
    Q_ENUM(Kind)

    explicit MessageBar(QWidget *parent = nullptr);
    ~MessageBar() override;

    void showMessage(Kind kind, const QString &text);
    void clear(); // hides it
    // Whether the person may close it (default true); a message that follows
    // a state (a warning about the current choice) is not closable.
    void setClosable(bool closable);

    [[nodiscard]] Kind kind() const;
    [[nodiscard]] QString text() const; // empty while hidden

private:
    void applyStyle();

    Kind m_kind = Kind::Information;
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QToolButton *m_close = nullptr;
};

} // namespace waddle::ui
