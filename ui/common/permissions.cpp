#include "permissions.h"

#include "client/session.h"

#include <QAction>
#include <QWidget>

namespace waddle::ui {

namespace {

// Where a control's own tooltip waits while a role's reason stands in, and
// the reason shown (a tooltip set since then is the control's own, new one).
constexpr auto kOwnToolTip = "waddleOwnToolTip";
constexpr auto kReason = "waddleRoleReason";

QString ownToolTipOf(const QWidget *widget)
{
    return widget->toolTip();
}

QString ownToolTipOf(const QAction *action)
{
    // The tooltip Qt makes from an action's text is none of its own (menus
    // showing tooltips would repeat the text).
    return action->toolTip() == QAction(action->text()).toolTip() ? QString() : action->toolTip();
}

template <typename T>
void apply(T *target, const client::Session *session, domain::Action action, bool wanted)
{
    if (!target)
        return;
    const QVariant reason = target->property(kReason);
    const QString own = reason.isValid() && target->toolTip() == reason.toString()
                            ? target->property(kOwnToolTip).toString()
                            : ownToolTipOf(target);
    const bool allowed = allows(session, action);
    target->setEnabled(wanted && allowed);
    if (allowed) {
        target->setProperty(kReason, QVariant());
        target->setToolTip(own);
        return;
    }
    const QString why = session->whyNot(action);
    target->setProperty(kOwnToolTip, own);
    target->setProperty(kReason, why);
    target->setToolTip(why);
}

} // namespace

bool allows(const client::Session *session, domain::Action action)
{
    return !session || session->allows(action);
}

void applyPermission(QWidget *widget, const client::Session *session, domain::Action action,
                     bool wanted)
{
    apply(widget, session, action, wanted);
}

void applyPermission(QAction *action, const client::Session *session, domain::Action what,
                     bool wanted)
{
    apply(action, session, what, wanted);
}

PermissionGate::PermissionGate(const client::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    if (m_session) {
        connect(m_session, &client::Session::permissionsChanged, this, &PermissionGate::refresh);
    }
}

PermissionGate::~PermissionGate() = default;

void PermissionGate::bind(QWidget *widget, domain::Action action)
{
    m_widgets.emplace_back(widget, action);
    applyPermission(widget, m_session, action);
}

void PermissionGate::bind(QAction *action, domain::Action what)
{
    m_actions.emplace_back(action, what);
    applyPermission(action, m_session, what);
}

void PermissionGate::refresh()
{
    for (const auto &[widget, action] : m_widgets)
        applyPermission(widget.data(), m_session, action);
    for (const auto &[action, what] : m_actions)
        applyPermission(action.data(), m_session, what);
}

} // namespace waddle::ui
