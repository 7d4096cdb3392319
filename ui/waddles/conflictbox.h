#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QPushButton;

namespace waddle::ui {

// The inline box of a save that met a newer version (SPEC §6: a 409; the
// person sees both versions and nothing is overwritten silently). It only
// shows the sentence and offers the two ways out; the settings page decides
// what each does.
class ConflictBox final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictBox)

public:
    explicit ConflictBox(QWidget *parent = nullptr);
    ~ConflictBox() override;

    // Shows the box with `message` and moves the focus to "Keep theirs", the
    // choice that changes nothing on the server.
    void showConflict(const QString &message);
    void setBusy(bool busy);               // while "Apply mine anyway" is being saved
    [[nodiscard]] QString message() const; // empty while hidden

    [[nodiscard]] QPushButton *applyMineButton() const;
    [[nodiscard]] QPushButton *keepTheirsButton() const;

Q_SIGNALS:
    void applyMineRequested();
    void keepTheirsRequested();

private:
    QLabel *m_text = nullptr;
    QPushButton *m_applyMine = nullptr;
    QPushButton *m_keepTheirs = nullptr;
};

} // namespace waddle::ui
