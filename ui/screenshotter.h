#pragma once

#include <QCoroTask>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>

#include <chrono>

class QWidget;

namespace waddle::ui {

class MainWindow;

// `waddle-regions --screenshot DIR`: once the window has its data (regions
// listed, a latency test finished), one PNG per screen (Map, Latency,
// Waddles, Analytics with its tabs, Global Status, the map with the Alerts
// dock) and per dialog (Connect, Location, About, the failover wizard up to
// its confirmation on a dry run, the migration wizard's target and when
// pages for a waddle and for a drain, the optimiser's dry run, a region's
// dashboard) into
// DIR, so every screen can be looked at, at any size and in either theme,
// without a person clicking through.
class Screenshotter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Screenshotter)

public:
    // Longest wait for the regions, and for the latency test.
    static constexpr std::chrono::seconds kTimeout{60};

    Screenshotter(MainWindow &window, const QString &directory, QObject *parent = nullptr);
    ~Screenshotter() override;

    // Starts; finished() tells how it went.
    void start();

    // The files written so far, full paths.
    [[nodiscard]] QStringList written() const { return m_written; }

Q_SIGNALS:
    // `message` says what failed, or lists what was written.
    void finished(bool ok, const QString &message);

private:
    QCoro::Task<> run();
    [[nodiscard]] bool save(QWidget &widget, const QString &name);
    QCoro::Task<bool> shootFailoverWizard();
    QCoro::Task<bool> shootMigrationWizard();
    QCoro::Task<bool> shootOptimiser();
    QCoro::Task<bool> shootMigrationPages(QStringList ids, QString drain, QString prefix);
    QCoro::Task<bool> shootAnalyticsTabs();
    void selectFirstWaddle();

    MainWindow &m_window;
    QString m_directory;
    QStringList m_written;
    QString m_error;
};

} // namespace waddle::ui
