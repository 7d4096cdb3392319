#pragma once

#include "ui/common/services.h"

#include <QWizard>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace waddle::client {
class FailoverController;
class JobsModel;
} // namespace waddle::client

namespace waddle::ui {

class CapacityBars;
class MovesModel;

// Operations › Fail over region… (issue 13, SPEC §9): choose the region →
// the dry run (per target region its load before/after against its
// maximum, the moves, the waddles that cannot be placed and why) → confirm
// (a region that is not offline needs its code typed to force) → live
// progress (batches, succeeded/failed counts, every waddle's outcome) →
// summary, with fail-back once the region is back online. Everything goes
// through the control plane's API; the wizard can also open an existing
// job at its progress page (from the jobs dock).
class FailoverWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailoverWizard)

public:
    enum PageId
    {
        ChoosePage,
        DryRunPage,
        ConfirmPage,
        ProgressPage,
        SummaryPage
    };

    // `region` pre-selects the region (opened from its details panel).
    explicit FailoverWizard(const Services &services, const QString &region = {},
                            QWidget *parent = nullptr);
    ~FailoverWizard() override;

    // Follows an existing failover from its progress page; call before
    // showing.
    void openJob(const QString &id);

    [[nodiscard]] client::FailoverController &controller() { return *m_controller; }
    [[nodiscard]] QString selectedRegion() const;
    [[nodiscard]] bool regionIsOffline() const;
    [[nodiscard]] QHash<QString, QString> regionNames() const;
    [[nodiscard]] const Services &services() const { return m_services; }

private:
    Services m_services;
    std::unique_ptr<client::JobsModel> m_ownJobs; // when the services have none
    client::FailoverController *m_controller = nullptr;
    QComboBox *m_regionBox = nullptr;
};

} // namespace waddle::ui
