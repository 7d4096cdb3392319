#pragma once

#include "ui/common/services.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableView;

namespace waddle::domain {
struct Region;
struct RegionSettings;
} // namespace waddle::domain

namespace waddle::client {
class RegionAdminController;
} // namespace waddle::client

namespace waddle::ui {

// Operations › Manage Regions… (issue 13, seed 001's Regions page), for
// operators: every region with its live status on the left; for the chosen
// one, a health check now, maintenance on or off (on with a drain: every
// waddle migrates away, followed in the jobs dock), and its priority and
// ordered failover list, saved with If-Match. When someone else saved
// first, both versions are shown and the person reloads or saves over
// theirs. A key without the operator role gets the server's refusal in
// words. The flow is the RegionAdminController's.
class RegionManagementDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionManagementDialog)

public:
    explicit RegionManagementDialog(const Services &services, QWidget *parent = nullptr);
    ~RegionManagementDialog() override;

    // Shows `code` (reads it fresh from the server).
    void openRegion(const QString &code);

    [[nodiscard]] client::RegionAdminController &controller() { return *m_controller; }
    [[nodiscard]] QString currentCode() const { return m_code; }
    // The settings as the form has them now.
    [[nodiscard]] domain::RegionSettings formSettings() const;

private:
    void showRegion(const domain::Region &region);
    void showConflict(const domain::Region &theirs);
    void showProblem(const QString &message);
    void refreshFailoverChoices();
    void moveFailover(int by);
    void updateButtons();
    [[nodiscard]] QString nameOf(const QString &code) const;
    [[nodiscard]] bool formDiffers() const;

    Services m_services;
    client::RegionAdminController *m_controller = nullptr;
    QString m_code;
    QTableView *m_regions = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_conflict = nullptr;
    QLabel *m_health = nullptr;
    QPushButton *m_check = nullptr;
    QCheckBox *m_drain = nullptr;
    QPushButton *m_maintenance = nullptr;
    QSpinBox *m_priority = nullptr;
    QListWidget *m_failover = nullptr;
    QComboBox *m_addChoice = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_saveOver = nullptr;
    bool m_loading = false;
};

} // namespace waddle::ui
