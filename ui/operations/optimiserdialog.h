#pragma once

#include "ui/common/services.h"

#include <QCoroTask>
#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;

namespace waddle::client {
class JobsModel;
class OptimiserController;
} // namespace waddle::client

namespace waddle::ui {

// Operations › Optimise Fleet… (issue 13, SPEC §7): the optimiser's dry run
// over the fleet, its proposals (waddle, from → to, improvement, affected
// users) each with a tick, the preview of the current one (who gets faster
// or slower), and Apply Selected, which starts them as migrations followed
// in the jobs dock. The flow is the OptimiserController's.
class OptimiserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptimiserDialog)

public:
    explicit OptimiserDialog(const Services &services, QWidget *parent = nullptr);
    ~OptimiserDialog() override;

    // Runs the dry run (again).
    void runDryRun();

    [[nodiscard]] client::OptimiserController &controller() { return *m_controller; }
    [[nodiscard]] QTableWidget *proposalsTable() const { return m_proposals; }
    [[nodiscard]] QPushButton *applyButton() const { return m_apply; }

private:
    void showProposals();
    void showPreview(int row);
    void updateButtons();
    [[nodiscard]] QList<int> checkedRows() const;
    QCoro::Task<> applySelected();

    Services m_services;
    std::unique_ptr<client::JobsModel> m_ownJobs; // when the services have none
    client::OptimiserController *m_controller = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problem = nullptr;
    QTableWidget *m_proposals = nullptr;
    QLabel *m_previewTitle = nullptr;
    QLabel *m_previewSummary = nullptr;
    QTableWidget *m_preview = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_apply = nullptr;
    bool m_busy = false;
};

} // namespace waddle::ui
