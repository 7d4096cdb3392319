#pragma once

#include "client/alertsfiltermodel.h"
#include "client/alertsmodel.h"

#include <QDockWidget>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace waddle::client {
class RegionsModel;
class Session;
} // namespace waddle::client

namespace waddle::ui {

// The alerts dock (issue 13): the live feed of status alerts and analytics
// triggers, severity told by an icon and a word, grouped as the server groups
// them, filtered by severity, region and state. Acknowledge (button, Ctrl+K
// or the Delete key on a row) and Show on Map (button, Enter or a double
// click) act on the selected alert.
class AlertsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsDock)

public:
    AlertsDock(client::AlertsModel &alerts, const client::RegionsModel *regions,
               QWidget *parent = nullptr);
    ~AlertsDock() override;

    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] client::AlertsFilterModel &filter() { return m_filter; }
    [[nodiscard]] QComboBox *severityBox() const { return m_severity; }
    [[nodiscard]] QComboBox *regionBox() const { return m_region; }
    [[nodiscard]] QComboBox *stateBox() const { return m_state; }
    [[nodiscard]] QPushButton *acknowledgeButton() const { return m_ackButton; }
    [[nodiscard]] QPushButton *showOnMapButton() const { return m_mapButton; }
    [[nodiscard]] QString message() const;
    // The session whose key's role decides whether Acknowledge is offered
    // (operators acknowledge status alerts, analysts triggers); none: all.
    void setSession(const client::Session *session);

    // Acknowledges the selected alert (what the button and keys do).
    void acknowledgeSelected();
    void showSelectedOnMap();

Q_SIGNALS:
    void showOnMapRequested(const QString &region);

private:
    void refreshRegions();
    void refreshActions();
    void refreshSummary();
    [[nodiscard]] int selectedSourceRow() const;

    client::AlertsModel &m_alerts;
    const client::RegionsModel *m_regions;
    const client::Session *m_session = nullptr;
    client::AlertsFilterModel m_filter;
    QTableView *m_view = nullptr;
    QComboBox *m_severity = nullptr;
    QComboBox *m_region = nullptr;
    QComboBox *m_state = nullptr;
    QPushButton *m_ackButton = nullptr;
    QPushButton *m_mapButton = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace waddle::ui
