#pragma once

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace waddle::client {
class Session;
class CustomMetricsController;
class ExportController;
struct ApiError;
struct ExportJobStatus;
} // namespace waddle::client

namespace waddle::ui {

// "Export" of the analytics screen (SPEC §11, seed 001): a date range, CSV
// or JSON, the metrics to include (the built-in ones, checked, then the
// project's custom metrics, issue 12), the job's status as it runs, and
// Download with a progress bar, saved through a QSaveFile where the person
// picks.
class ExportPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportPanel)

public:
    // `metrics` (may be null) lists the project's custom metrics; it outlives
    // the panel.
    explicit ExportPanel(client::ExportController &controller,
                         const client::CustomMetricsController *metrics = nullptr,
                         QWidget *parent = nullptr);
    ~ExportPanel() override;

    // The session whose key's role decides which changes are offered (a
    // read-only key sees the panel with them disabled); none: all.
    void setSession(const client::Session *session);

    // Starts the export the controls describe.
    void startExport();
    // Downloads the finished export to `path` (the dialog's answer).
    void downloadTo(const QString &path);
    [[nodiscard]] QStringList selectedMetrics() const;

    [[nodiscard]] QDateEdit *fromEdit() const { return m_from; }
    [[nodiscard]] QDateEdit *toEdit() const { return m_to; }
    [[nodiscard]] QComboBox *formatBox() const { return m_format; }
    [[nodiscard]] QListWidget *metricList() const { return m_metrics; }
    [[nodiscard]] QPushButton *startButton() const { return m_start; }
    [[nodiscard]] QPushButton *downloadButton() const { return m_download; }
    [[nodiscard]] QProgressBar *progressBar() const { return m_progress; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }

private:
    void refreshPermissions();
    void onStatus(const client::ExportJobStatus &status);
    void onFinished(const client::ExportJobStatus &status);
    void downloadWithDialog();
    void checkRange();
    void fillMetrics();

    client::ExportController &m_controller;
    const client::Session *m_session = nullptr;
    const client::CustomMetricsController *m_customMetrics = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_format = nullptr;
    QListWidget *m_metrics = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_download = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace waddle::ui
