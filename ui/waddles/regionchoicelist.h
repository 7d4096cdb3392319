#pragma once

#include "domain/region.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QGridLayout;
class QLabel;
class QRadioButton;

namespace waddle::client {
class LatencyResultsModel;
class RegionsModel;
} // namespace waddle::client

namespace waddle::ui {

class ElidingLabel;
class MessageBar;

// The radio list of the waddle settings page (SPEC §6, seed 000
// VoiceRegionSettings): "Automatic" with a "Currently: <region>" badge, then
// one choice per region with its city and country, its status (shape, colour
// and word) and the latency measured by the last test (shape, colour and
// figure; "—" when none ran). Regions that are not online stay selectable; an
// offline or maintenance one warns what choosing it means. Binds to the
// app-wide RegionsModel and LatencyResultsModel and follows them live.
class RegionChoiceList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionChoiceList)

public:
    RegionChoiceList(client::RegionsModel *regions, client::LatencyResultsModel *latency,
                     QWidget *parent = nullptr);
    ~RegionChoiceList() override;

    // "auto", a region code, or empty while nothing is chosen.
    [[nodiscard]] QString choice() const;
    // Checks that choice without emitting choiceChanged; an unknown code or
    // an empty string clears the choice.
    void setChoice(const QString &choice);
    // The region the waddle runs in now, for the "Currently:" badge.
    void setCurrentRegion(const QString &code);
    // The recommendation's winner, tagged "Recommended" in its row.
    void setRecommended(const QString &code);

    // The radio button of "auto" or of a region code (tests, focus).
    [[nodiscard]] QAbstractButton *button(const QString &choice) const;
    // Every radio button, Automatic first, in the order shown (Tab chain).
    [[nodiscard]] QList<QAbstractButton *> buttons() const;
    // The warning under the list; empty when the choice needs none.
    [[nodiscard]] QString warningText() const;

Q_SIGNALS:
    // The person picked another choice.
    void choiceChanged(const QString &choice);
    // The rows were made again (another catalogue): the Tab chain is new.
    void rebuilt();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Row
    {
        QString code;
        QRadioButton *radio = nullptr;
        ElidingLabel *location = nullptr; // gives way first in a narrow window
        QLabel *statusGlyph = nullptr;
        QLabel *status = nullptr;
        QLabel *latencyGlyph = nullptr;
        QLabel *latency = nullptr;
        QLabel *recommended = nullptr;
        QLabel *current = nullptr; // "Current": where the waddle runs now
    };

    void rebuild();
    void refreshRows();
    void refreshRow(Row &row);
    void refreshBadge();
    void refreshWarning();
    void onButtonToggled(QAbstractButton *button, bool checked);
    [[nodiscard]] QString regionName(const QString &code) const;
    [[nodiscard]] const domain::Region *regionOf(const QString &code) const;

    client::RegionsModel *m_regions;
    client::LatencyResultsModel *m_latency;
    QButtonGroup *m_group = nullptr;
    QGridLayout *m_grid = nullptr;
    QRadioButton *m_automatic = nullptr;
    QLabel *m_currentBadge = nullptr;
    MessageBar *m_warning = nullptr;
    QList<Row> m_rows;
    QList<QWidget *> m_rowWidgets; // removed on rebuild
    QString m_currentRegion;
    QString m_recommended;
    bool m_settingChoice = false;
};

} // namespace waddle::ui
