#pragma once

#include "ui/common/services.h"

#include <QWizard>

#include <memory>

namespace waddle::client {
class JobsModel;
class MigrationController;
} // namespace waddle::client

namespace waddle::ui {

// Migrate waddles (issue 13, SPEC §10), opened from the Waddles screen (one
// or several waddles), from a region (drain: every waddle on it) or from
// the jobs dock (an existing migration, at its steps): the target — the
// recommended region first, every region with its score and who gets faster
// or slower (per place, RTT before → after, signed and coloured) → when
// (now, or a date and time) → the live steps (prepare, notify, move, update,
// cleanup, record) with their state and time, a rollback said plainly,
// cancel while the move has not started → summary. The flow is the
// MigrationController's; everything goes through the control plane's API.
class MigrationWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MigrationWizard)

public:
    enum PageId
    {
        TargetPage,
        WhenPage,
        StepsPage,
        SummaryPage
    };

    explicit MigrationWizard(const Services &services, QWidget *parent = nullptr);
    ~MigrationWizard() override;

    // What moves; call one of these (or openJob) before showing.
    void setWaddles(const QStringList &ids);
    void setDrain(const QString &region);
    // Follows an existing migration from its steps page.
    void openJob(const QString &id);

    [[nodiscard]] client::MigrationController &controller() { return *m_controller; }
    [[nodiscard]] const Services &services() const { return m_services; }
    // The region chosen on the target page.
    [[nodiscard]] QString selectedTarget() const { return m_target; }
    void setSelectedTarget(const QString &code) { m_target = code; }
    [[nodiscard]] QString regionName(const QString &code) const;
    // "w-0001", "3 waddles", "every waddle on Frankfurt".
    [[nodiscard]] QString subject() const;

private:
    Services m_services;
    std::unique_ptr<client::JobsModel> m_ownJobs; // when the services have none
    client::MigrationController *m_controller = nullptr;
    QString m_target;
};

} // namespace waddle::ui
