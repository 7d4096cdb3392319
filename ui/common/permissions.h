#pragma once

#include "domain/role.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QAction;
class QWidget;

namespace waddle::client {
class Session;
} // namespace waddle::client

namespace waddle::ui {

// Read-only keys see every screen with the actions disabled (issue 13):
// these apply what the session allows (client::Session::allows, which reads
// domain::permitted) to a button or a menu action. `wanted` is whether the
// widget would be enabled anyway (a selection, a finished load); the session
// may only take that away. A control the role stops says in its tooltip which
// role is needed; its own tooltip comes back once the role allows it. A null
// session allows everything (screens built without one, in tests).
void applyPermission(QWidget *widget, const client::Session *session, domain::Action action,
                     bool wanted = true);
void applyPermission(QAction *action, const client::Session *session, domain::Action what,
                     bool wanted = true);
// Whether `session` allows `action` (true without a session).
bool allows(const client::Session *session, domain::Action action);

// Keeps controls that have no enabled state of their own (menu actions, the
// region panel's buttons) in step with the session's role.
class PermissionGate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionGate)

public:
    explicit PermissionGate(const client::Session *session, QObject *parent = nullptr);
    ~PermissionGate() override;

    void bind(QWidget *widget, domain::Action action);
    void bind(QAction *action, domain::Action what);
    void refresh();

private:
    const client::Session *m_session;
    std::vector<std::pair<QPointer<QWidget>, domain::Action>> m_widgets;
    std::vector<std::pair<QPointer<QAction>, domain::Action>> m_actions;
};

} // namespace waddle::ui
