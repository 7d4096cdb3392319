#include "regionchoicelist.h"

#include "client/latencyresultsmodel.h"
#include "client/regionsmodel.h"
#include "client/units.h"
#include "domain/waddle.h"
#include "messagebar.h"
#include "ui/common/elidinglabel.h"
#include "ui/common/statusstyle.h"
#include "ui/map/mapformat.h"

#include <QButtonGroup>
#include <QEvent>
#include <QFocusEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QRadioButton>
#include <QStyle>
#include <QVBoxLayout>

namespace waddle::ui {

namespace {

constexpr int kGlyphSide = 14;

enum GridColumn
{
    NameColumn,
    LocationColumn,
    StatusColumn,
    LatencyColumn,
    TagColumn,
    GridColumnCount
};

QPixmap markerPixmap(const StatusStyle &style, qreal ratio)
{
    QPixmap pixmap(QSize(kGlyphSide, kGlyphSide) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    drawMarker(painter, QPointF(kGlyphSide / 2.0, kGlyphSide / 2.0), kGlyphSide * 0.34, style);
    return pixmap;
}

// A glyph and a word side by side, as one cell of the grid.
QWidget *glyphCell(QWidget *parent, QLabel **glyph, QLabel **text)
{
    auto *cell = new QWidget(parent);
    auto *layout = new QHBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(5);
    *glyph = new QLabel(cell);
    (*glyph)->setFixedSize(kGlyphSide, kGlyphSide);
    *text = new QLabel(cell);
    layout->addWidget(*glyph);
    layout->addWidget(*text, 1);
    return cell;
}

QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

RegionChoiceList::RegionChoiceList(client::RegionsModel *regions,
                                   client::LatencyResultsModel *latency, QWidget *parent)
    : QWidget(parent)
    , m_regions(regions)
    , m_latency(latency)
{
    setAccessibleName(tr("Voice region"));
    m_group = new QButtonGroup(this);
    m_group->setExclusive(true);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(12);
    m_grid->setVerticalSpacing(6);
    m_grid->setColumnStretch(GridColumnCount, 1);
    outer->addLayout(m_grid);

    m_automatic = new QRadioButton(tr("&Automatic"), this);
    m_automatic->setObjectName(QStringLiteral("choice-auto"));
    QFont bold = m_automatic->font();
    bold.setBold(true);
    m_automatic->setFont(bold);
    m_group->addButton(m_automatic);
    m_automatic->installEventFilter(this);
    m_grid->addWidget(m_automatic, 0, NameColumn);

    m_currentBadge = new QLabel(this);
    m_currentBadge->setObjectName(QStringLiteral("currentBadge"));
    m_currentBadge->setStyleSheet(
        QStringLiteral("QLabel#currentBadge { border: 1px solid palette(highlight); "
                       "border-radius: 9px; padding: 1px 9px; }"));
    m_grid->addWidget(m_currentBadge, 0, LocationColumn, 1, 3, Qt::AlignLeft);

    auto *description =
        mutedLabel(tr("Let Waddle choose the best region based on member locations"), this);
    description->setObjectName(QStringLiteral("automaticDescription"));
    description->setWordWrap(true);
    const int indent = style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) +
                       style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing);
    description->setContentsMargins(indent, 0, 0, 0);
    m_automatic->setAccessibleDescription(description->text());
    m_grid->addWidget(description, 1, 0, 1, GridColumnCount);

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    m_grid->addWidget(line, 2, 0, 1, GridColumnCount + 1);

    const QStringList headers{tr("Region"), tr("Location"), tr("Status"), tr("Measured latency")};
    for (int column = 0; column < headers.size(); ++column) {
        QLabel *header = mutedLabel(headers.at(column), this);
        QFont small = header->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        header->setFont(small);
        m_grid->addWidget(header, 3, column);
    }

    m_warning = new MessageBar(this);
    m_warning->setObjectName(QStringLiteral("choiceWarning"));
    m_warning->setClosable(false);
    outer->addSpacing(4);
    outer->addWidget(m_warning);

    connect(m_group, &QButtonGroup::buttonToggled, this, &RegionChoiceList::onButtonToggled);

    if (m_regions) {
        connect(m_regions, &QAbstractItemModel::modelReset, this, &RegionChoiceList::rebuild);
        connect(m_regions, &QAbstractItemModel::rowsInserted, this, &RegionChoiceList::rebuild);
        connect(m_regions, &QAbstractItemModel::rowsRemoved, this, &RegionChoiceList::rebuild);
        connect(m_regions, &QAbstractItemModel::dataChanged, this, &RegionChoiceList::refreshRows);
    }
    if (m_latency) {
        // Six rows at most: every change simply redraws every row.
        connect(m_latency, &QAbstractItemModel::modelReset, this, &RegionChoiceList::refreshRows);
        connect(m_latency, &QAbstractItemModel::rowsInserted, this, &RegionChoiceList::refreshRows);
        connect(m_latency, &QAbstractItemModel::rowsRemoved, this, &RegionChoiceList::refreshRows);
        connect(m_latency, &QAbstractItemModel::layoutChanged, this,
                &RegionChoiceList::refreshRows);
        connect(m_latency, &QAbstractItemModel::dataChanged, this, &RegionChoiceList::refreshRows);
    }
    rebuild();
}

RegionChoiceList::~RegionChoiceList() = default;

QString RegionChoiceList::choice() const
{
    QAbstractButton *checked = m_group->checkedButton();
    if (!checked)
        return {};
    if (checked == m_automatic)
        return domain::automaticVoiceRegion();
    for (const Row &row : m_rows) {
        if (row.radio == checked)
            return row.code;
    }
    return {};
}

void RegionChoiceList::setChoice(const QString &choice)
{
    m_settingChoice = true;
    if (QAbstractButton *target = button(choice)) {
        target->setChecked(true);
    } else if (QAbstractButton *checked = m_group->checkedButton()) {
        // An exclusive group keeps one button checked: lift that for a moment.
        m_group->setExclusive(false);
        checked->setChecked(false);
        m_group->setExclusive(true);
    }
    m_settingChoice = false;
    refreshBadge();
    refreshWarning();
}

void RegionChoiceList::setCurrentRegion(const QString &code)
{
    m_currentRegion = code;
    refreshRows();
}

void RegionChoiceList::setRecommended(const QString &code)
{
    m_recommended = code;
    refreshRows();
}

QAbstractButton *RegionChoiceList::button(const QString &choice) const
{
    if (choice == domain::automaticVoiceRegion())
        return m_automatic;
    for (const Row &row : m_rows) {
        if (row.code == choice)
            return row.radio;
    }
    return nullptr;
}

QList<QAbstractButton *> RegionChoiceList::buttons() const
{
    QList<QAbstractButton *> all{m_automatic};
    for (const Row &row : m_rows)
        all.append(row.radio);
    return all;
}

QString RegionChoiceList::warningText() const
{
    return m_warning->text();
}

void RegionChoiceList::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        refreshRows();
}

// The radio buttons are one Tab stop (Qt moves on past the group): Tab and
// Shift+Tab land on the checked choice, the arrows move between choices.
bool RegionChoiceList::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn) {
        const auto reason = static_cast<QFocusEvent *>(event)->reason();
        QAbstractButton *checked = m_group->checkedButton();
        if ((reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason) && checked &&
            checked != watched) {
            checked->setFocus(reason);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString RegionChoiceList::regionName(const QString &code) const
{
    return m_regions ? m_regions->regionName(code) : code;
}

const domain::Region *RegionChoiceList::regionOf(const QString &code) const
{
    if (!m_regions)
        return nullptr;
    return m_regions->region(m_regions->rowOf(code));
}

void RegionChoiceList::rebuild()
{
    const QString chosen = choice();
    for (QWidget *widget : std::as_const(m_rowWidgets))
        delete widget; // also leaves the button group
    m_rowWidgets.clear();
    m_rows.clear();

    const QList<domain::Region> regions =
        m_regions ? m_regions->regions() : QList<domain::Region>{};
    int gridRow = 4;
    QWidget *previous = m_automatic;
    for (const domain::Region &region : regions) {
        Row row;
        row.code = region.code;
        row.radio = new QRadioButton(client::RegionsModel::nameOf(region), this);
        row.radio->setObjectName(QStringLiteral("choice-") + region.code);
        m_group->addButton(row.radio);
        row.radio->installEventFilter(this);
        setTabOrder(previous, row.radio);
        previous = row.radio;
        row.location = new ElidingLabel(this);
        QWidget *statusCell = glyphCell(this, &row.statusGlyph, &row.status);
        QWidget *latencyCell = glyphCell(this, &row.latencyGlyph, &row.latency);
        row.latency->setObjectName(QStringLiteral("latency-") + region.code);
        row.status->setObjectName(QStringLiteral("status-") + region.code);
        row.recommended = new QLabel(tr("Recommended"), this);
        row.recommended->setObjectName(QStringLiteral("recommended-") + region.code);
        row.recommended->setStyleSheet(
            QStringLiteral("QLabel { border: 1px solid palette(mid); border-radius: 9px; "
                           "padding: 1px 8px; font-weight: bold; }"));
        // Tags keep their words whole: the row gives elsewhere.
        row.recommended->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        row.current = new QLabel(tr("Current"), this);
        row.current->setObjectName(QStringLiteral("current-") + region.code);
        row.current->setToolTip(tr("The waddle runs in this region now"));
        row.current->setStyleSheet(
            QStringLiteral("QLabel { border: 1px solid palette(highlight); border-radius: 9px; "
                           "padding: 1px 8px; }"));
        row.current->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        // One above the other: the row stays narrow enough for 1024 pixels.
        auto *tags = new QWidget(this);
        auto *tagLayout = new QVBoxLayout(tags);
        tagLayout->setContentsMargins(0, 0, 0, 0);
        tagLayout->setSpacing(2);
        tagLayout->addWidget(row.recommended, 0, Qt::AlignLeft);
        tagLayout->addWidget(row.current, 0, Qt::AlignLeft);
        m_grid->addWidget(row.radio, gridRow, NameColumn);
        m_grid->addWidget(row.location, gridRow, LocationColumn);
        m_grid->addWidget(statusCell, gridRow, StatusColumn);
        m_grid->addWidget(latencyCell, gridRow, LatencyColumn);
        m_grid->addWidget(tags, gridRow, TagColumn);
        m_rowWidgets << row.radio << row.location << statusCell << latencyCell << tags;
        m_rows.append(row);
        ++gridRow;
    }
    if (!chosen.isEmpty())
        setChoice(chosen);
    refreshRows();
    Q_EMIT rebuilt();
}

void RegionChoiceList::refreshRows()
{
    for (Row &row : m_rows)
        refreshRow(row);
    refreshBadge();
    refreshWarning();
}

void RegionChoiceList::refreshRow(Row &row)
{
    const domain::Region *region = regionOf(row.code);
    if (!region)
        return;
    const qreal ratio = devicePixelRatioF();
    const QString location = region->locationKnown
                                 ? tr("%1, %2").arg(region->location.city, region->location.country)
                                 : tr("location unknown");
    row.location->setFullText(location);

    const StatusStyle status = styleFor(region->status);
    row.statusGlyph->setPixmap(markerPixmap(status, ratio));
    row.status->setText(status.label);

    // The last test's figure for this region, if one ran (SPEC §4 quality).
    QString latencyText = tr("—");
    QString latencyTip = tr("Not measured yet: use Test All Regions");
    std::optional<StatusStyle> quality;
    const int latencyRow = m_latency ? m_latency->rowOf(row.code) : -1;
    if (const client::LatencyResult *result = m_latency ? m_latency->result(latencyRow) : nullptr) {
        const bool testing =
            m_latency
                ->data(m_latency->index(latencyRow, 0), client::LatencyResultsModel::TestingRole)
                .toBool();
        const domain::LatencyStats &stats = result->stats;
        if (!result->error.isEmpty()) {
            latencyText = tr("not tested");
            latencyTip = tr("Not tested: %1").arg(result->error);
        } else if (stats.unreachable) {
            quality = styleFor(domain::LatencyQuality::Unreachable);
            latencyText = tr("unreachable");
            latencyTip = tr("No reply to %1 samples").arg(stats.sent);
        } else if (stats.received > 0) {
            quality = styleFor(stats.quality);
            // The app's one spelling of milliseconds and of a rate.
            latencyText = client::formatMilliseconds(stats.averageMs);
            latencyTip = tr("%1: average %2, jitter %3, loss %4")
                             .arg(quality->label, client::formatMilliseconds(stats.averageMs),
                                  client::formatMilliseconds(stats.jitterMs),
                                  client::formatPercentValue(stats.lossPercent));
        } else if (testing) {
            latencyText = tr("testing…");
            latencyTip = tr("Being measured now");
        }
    }
    if (quality) {
        row.latencyGlyph->setPixmap(markerPixmap(*quality, ratio));
        row.latencyGlyph->setToolTip(quality->label);
    } else {
        row.latencyGlyph->clear();
        row.latencyGlyph->setToolTip(QString());
    }
    row.latency->setText(latencyText);
    row.latency->setToolTip(latencyTip);
    row.latency->setForegroundRole(quality ? QPalette::WindowText : QPalette::PlaceholderText);

    const bool recommended = !m_recommended.isEmpty() && row.code == m_recommended;
    row.recommended->setVisible(recommended);
    const bool current = !m_currentRegion.isEmpty() && row.code == m_currentRegion;
    row.current->setVisible(current);

    QString accessible = tr("%1, %2, %3").arg(row.radio->text(), location, status.label);
    if (quality)
        accessible = tr("%1, %2 (%3)").arg(accessible, latencyText, quality->label);
    if (recommended)
        accessible = tr("%1, recommended").arg(accessible);
    if (current)
        accessible = tr("%1, current region").arg(accessible);
    row.radio->setAccessibleName(accessible);
    row.radio->setToolTip(tr("%1 (%2)").arg(row.radio->text(), row.code));
}

void RegionChoiceList::refreshBadge()
{
    const bool show = m_group->checkedButton() == m_automatic && !m_currentRegion.isEmpty();
    m_currentBadge->setText(show ? tr("Currently: %1").arg(regionName(m_currentRegion))
                                 : QString());
    m_currentBadge->setVisible(show);
    m_currentBadge->setAccessibleName(m_currentBadge->text());
}

void RegionChoiceList::refreshWarning()
{
    const domain::Region *region = regionOf(choice());
    QString text;
    if (region) {
        const QString name = regionName(region->code);
        switch (region->status) {
        case domain::RegionStatus::Offline:
            // Nothing moves by itself yet (no failover in this release):
            // say what will really happen (issue 10).
            text = tr("%1 is offline. Members stay on it, without voice, until it recovers or "
                      "the owner picks another region here.")
                       .arg(name);
            break;
        case domain::RegionStatus::Maintenance:
            text = tr("%1 is in maintenance. Members stay on it until the maintenance ends or "
                      "the owner picks another region here.")
                       .arg(name);
            break;
        case domain::RegionStatus::Degraded:
            text = tr("%1 is degraded: voice quality may suffer until it recovers.").arg(name);
            break;
        case domain::RegionStatus::Online:
            break;
        }
    }
    if (text.isEmpty())
        m_warning->clear();
    else if (text != m_warning->text())
        m_warning->showMessage(MessageBar::Kind::Warning, text);
}

void RegionChoiceList::onButtonToggled(QAbstractButton *button, bool checked)
{
    Q_UNUSED(button)
    if (!checked)
        return;
    refreshBadge();
    refreshWarning();
    if (!m_settingChoice)
        Q_EMIT choiceChanged(choice());
}

} // namespace waddle::ui
