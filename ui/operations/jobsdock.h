#pragma once

#include "client/jobsmodel.h"

#include <QDockWidget>

class QLabel;
class QTableView;

namespace waddle::ui {

// The jobs dock (issue 13): running and recent failovers and migrations
// with their state and a progress bar, live from the jobs model. Enter or a
// double click opens the job's page (openRequested).
class JobsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsDock)

public:
    explicit JobsDock(client::JobsModel &jobs, QWidget *parent = nullptr);
    ~JobsDock() override;

    [[nodiscard]] QTableView *view() const { return m_view; }

Q_SIGNALS:
    void openRequested(waddle::client::JobsModel::Kind kind, const QString &id);

private:
    void open(const QModelIndex &index);
    void refreshPlaceholder();

    client::JobsModel &m_jobs;
    QTableView *m_view = nullptr;
    QLabel *m_placeholder = nullptr;
};

} // namespace waddle::ui
