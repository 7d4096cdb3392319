#include "latencypanel.h"

#include "client/apiclient.h"
#include "client/cache.h"
#include "client/latencyresultsmodel.h"
#include "client/probe/latencyprober.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "latencydelegate.h"
#include "latencyhistorychart.h"
#include "latencyproxymodel.h"
#include "ui/common/statusstyle.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace waddle::ui {

using client::LatencyProber;
using client::LatencyResult;
using client::LatencyResultsModel;
using client::ProbeMode;
using namespace Qt::StringLiterals;

namespace {

// More problems than this are summed up by their codes alone.
constexpr int kProblemsSpelledOut = 3;

QString shortcutText(const QKeySequence &sequence)
{
    return sequence.toString(QKeySequence::NativeText);
}

// Why a region had no reply: the prober's reason, else the last lost
// sample's ("timeout after 5000 ms", "connection refused").
QString reasonOf(const LatencyResult &result)
{
    if (!result.error.isEmpty())
        return result.error;
    for (auto it = result.samples.crbegin(); it != result.samples.crend(); ++it) {
        if (it->outcome == domain::SampleOutcome::Lost && !it->error.isEmpty())
            return it->error;
    }
    return {};
}

} // namespace

LatencyPanel::LatencyPanel(Services &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    Q_ASSERT(m_services.prober && m_services.latency && m_services.regions);
    setAccessibleName(tr("Latency"));
    buildUi();
    wireProber();

    m_ageTimer.setInterval(kAgeRefreshInterval);
    connect(&m_ageTimer, &QTimer::timeout, this, &LatencyPanel::refreshAges);

    client::RegionsModel *regions = m_services.regions;
    const auto regionsChanged = [this] {
        updateModes();
        updateRegionNames();
    };
    connect(regions, &QAbstractItemModel::modelReset, this, regionsChanged);
    connect(regions, &QAbstractItemModel::rowsInserted, this, regionsChanged);
    connect(regions, &QAbstractItemModel::rowsRemoved, this, regionsChanged);
    connect(regions, &QAbstractItemModel::dataChanged, this, regionsChanged);
    if (m_services.session) {
        connect(m_services.session, &client::Session::serverChanged, this,
                &LatencyPanel::onServerChanged);
    }

    updateModes();
    updateRegionNames();
    setProgressIdle();
    setTesting(m_services.prober->isRunning());
    updateTestButton();
    updateHistory();
}

LatencyPanel::~LatencyPanel() = default;

void LatencyPanel::buildUi()
{
    auto *outer = new QVBoxLayout(this);

    // The top bar: test / cancel, progress, how to measure, copy and export.
    auto *bar = new QHBoxLayout;
    m_testButton = new QPushButton(this);
    m_testButton->setObjectName(u"testButton"_s);
    m_testButton->setAutoDefault(false);
    m_testAction = new QAction(tr("&Test All Regions"), this);
    m_testAction->setObjectName(u"testAction"_s);
    m_testAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_testAction, &QAction::triggered, this, &LatencyPanel::testAll);
    addAction(m_testAction);
    connect(m_testButton, &QPushButton::clicked, this, [this] {
        if (m_testing)
            cancel();
        else
            testAll();
    });
    // As wide as its widest text, so "Cancel" does not shift the bar.
    const QFontMetrics buttonMetrics(m_testButton->font());
    m_testButton->setMinimumWidth(std::max(buttonMetrics.horizontalAdvance(tr("Test All Regions")),
                                           buttonMetrics.horizontalAdvance(tr("Cancel"))) +
                                  4 * buttonMetrics.averageCharWidth());
    bar->addWidget(m_testButton);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"progress"_s);
    m_progress->setAccessibleName(tr("Test progress"));
    m_progress->setTextVisible(true);
    m_progress->setAlignment(Qt::AlignCenter);
    m_progress->setMinimumWidth(m_progress->fontMetrics().horizontalAdvance(progressText(88, 88)) +
                                32);
    m_progress->setMaximumWidth(m_progress->minimumWidth() * 2);
    QSizePolicy progressPolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Hidden until a test runs; the bar keeps its place so nothing shifts.
    progressPolicy.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(progressPolicy);
    bar->addWidget(m_progress, 1);
    bar->addSpacing(12);

    auto *modeLabel = new QLabel(tr("&Mode:"), this);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(u"mode"_s);
    m_mode->setAccessibleName(tr("Probe mode"));
    m_mode->addItem(LatencyResultsModel::modeText(ProbeMode::Http),
                    static_cast<int>(ProbeMode::Http));
    m_mode->setItemData(0,
                        tr("HTTP: times GET /ping on a warm keep-alive connection to each "
                           "region, the way an app talks to it. The default."),
                        Qt::ToolTipRole);
    m_mode->addItem(LatencyResultsModel::modeText(ProbeMode::Tcp),
                    static_cast<int>(ProbeMode::Tcp));
    m_mode->setItemData(1,
                        tr("TCP: times a fresh TCP connect to each region's ping endpoint "
                           "(the network handshake alone, no server work)."),
                        Qt::ToolTipRole);
    m_mode->addItem(LatencyResultsModel::modeText(ProbeMode::Stun),
                    static_cast<int>(ProbeMode::Stun));
    m_mode->setItemData(2,
                        tr("STUN: sends RFC 5389 Binding requests over UDP to each region's "
                           "STUN endpoint, the path voice media takes."),
                        Qt::ToolTipRole);
    modeLabel->setBuddy(m_mode);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &LatencyPanel::onModeChanged);
    bar->addWidget(modeLabel);
    bar->addWidget(m_mode);
    bar->addSpacing(8);

    auto *samplesLabel = new QLabel(tr("S&amples:"), this);
    m_samples = new QSpinBox(this);
    m_samples->setObjectName(u"samples"_s);
    m_samples->setAccessibleName(tr("Samples per region"));
    m_samples->setToolTip(tr("Round trips timed per region; a timeout or error counts as lost."));
    m_samples->setRange(kMinSamples, kMaxSamples);
    m_samples->setValue(LatencyProber::Settings{}.samples);
    samplesLabel->setBuddy(m_samples);
    connect(m_samples, &QSpinBox::valueChanged, this, &LatencyPanel::noteSamplesChange);
    bar->addWidget(samplesLabel);
    bar->addWidget(m_samples);
    bar->addStretch(1);
    bar->addSpacing(12);

    m_copyAction = new QAction(tr("Copy"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyAction, &QAction::triggered, this, &LatencyPanel::copyToClipboard);
    addAction(m_copyAction);
    m_copyButton = new QPushButton(tr("&Copy"), this);
    m_copyButton->setObjectName(u"copyButton"_s);
    m_copyButton->setAccessibleName(tr("Copy the results as CSV"));
    m_copyButton->setToolTip(tr("Copy the table as CSV to the clipboard (%1)")
                                 .arg(shortcutText(m_copyAction->shortcut())));
    m_copyButton->setAutoDefault(false);
    connect(m_copyButton, &QPushButton::clicked, m_copyAction, &QAction::trigger);
    bar->addWidget(m_copyButton);

    m_exportAction = new QAction(tr("Export CSV…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_exportAction, &QAction::triggered, this, &LatencyPanel::exportInteractively);
    addAction(m_exportAction);
    m_exportButton = new QPushButton(tr("E&xport CSV…"), this);
    m_exportButton->setObjectName(u"exportButton"_s);
    m_exportButton->setAccessibleName(tr("Export the results as CSV"));
    m_exportButton->setToolTip(
        tr("Save the table as a CSV file (%1)").arg(shortcutText(m_exportAction->shortcut())));
    m_exportButton->setAutoDefault(false);
    connect(m_exportButton, &QPushButton::clicked, m_exportAction, &QAction::trigger);
    bar->addWidget(m_exportButton);
    outer->addLayout(bar);

    // What happened last, in words; a warning sign as well when it went wrong.
    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(6);
    m_statusIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_statusIcon->setPixmap(style()
                                ->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                                .pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    m_statusIcon->setAccessibleName(tr("Problem"));
    m_statusIcon->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(u"status"_s);
    m_status->setAccessibleName(tr("Status"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    statusRow->addWidget(m_statusIcon, 0, Qt::AlignTop);
    statusRow->addWidget(m_status, 1);
    outer->addLayout(statusRow);

    // The table over a proxy sorting numbers as numbers (SPEC §14).
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    m_table = new QTableView(splitter);
    m_table->setObjectName(u"results"_s);
    m_table->setAccessibleName(tr("Latency results"));
    m_proxy = new LatencyProxyModel(this);
    m_proxy->setSourceModel(m_services.latency);
    m_table->setModel(m_proxy);
    m_delegate = new LatencyDelegate(m_table);
    m_table->setItemDelegate(m_delegate);
    // Said in the table itself while it has no rows (issue 10).
    m_emptyState = new QLabel(m_table->viewport());
    m_emptyState->setObjectName(u"emptyState"_s);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setTextFormat(Qt::PlainText);
    m_emptyState->setContentsMargins(16, 16, 16, 16);
    m_emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_emptyState->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_table->viewport()->installEventFilter(this);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LatencyResultsModel::AverageColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setCornerButtonEnabled(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(LatencyResultsModel::RangeColumn, QHeaderView::Stretch);
    // The mode is in the Samples cell (LatencyProxyModel).
    m_table->setColumnHidden(LatencyResultsModel::ModeColumn, true);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LatencyPanel::updateHistory);

    // The selected region's earlier tests.
    auto *historyBox = new QWidget(splitter);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 6, 0, 0);
    m_historyTitle = new QLabel(historyBox);
    m_historyTitle->setObjectName(u"historyTitle"_s);
    m_historyTitle->setWordWrap(true); // long region names fit a small window
    QFont bold = m_historyTitle->font();
    bold.setBold(true);
    m_historyTitle->setFont(bold);
    m_history = new LatencyHistoryChart(historyBox);
    m_history->setObjectName(u"history"_s);
    m_history->setAccessibleName(tr("Latency history of the selected region"));
    m_historyTitle->setBuddy(m_history);
    historyLayout->addWidget(m_historyTitle);
    historyLayout->addWidget(m_history, 1);
    splitter->addWidget(m_table);
    splitter->addWidget(historyBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    outer->addWidget(splitter, 1);

    updateColumnWidths();

    const auto rowsChanged = [this] { updateEmptyState(); };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, rowsChanged);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, rowsChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, rowsChanged);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, rowsChanged);
    updateEmptyState();
}

void LatencyPanel::updateEmptyState()
{
    const bool empty = m_proxy->rowCount() == 0;
    m_emptyState->setText(
        tr("No test run yet — press Test All Regions (%1) to measure your latency to every "
           "region.")
            .arg(shortcutText(m_testAction->shortcut())));
    m_emptyState->setGeometry(m_table->viewport()->rect());
    m_emptyState->setVisible(empty);
    // Nothing to copy or export from an empty table.
    for (QAction *action : {m_copyAction, m_exportAction})
        action->setEnabled(!empty);
    m_copyButton->setEnabled(!empty);
    m_exportButton->setEnabled(!empty);
}

bool LatencyPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        m_emptyState->setGeometry(m_table->viewport()->rect());
        fitAgeColumn();
    }
    return QWidget::eventFilter(watched, event);
}

// In a small window (1024×700, issue 10) the Age column gives first: "cached,
// 3 min ago" is elided (its tooltip says when), so every header stays whole,
// the range bars keep their room and nothing scrolls sideways.
void LatencyPanel::fitAgeColumn()
{
    if (m_fullAgeWidth == 0)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    int others = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (column != LatencyResultsModel::AgeColumn &&
            column != LatencyResultsModel::RangeColumn && !header->isSectionHidden(column))
            others += header->sectionSize(column);
    }
    // Room for a vertical scroll bar, so that a longer list does not tip it.
    const int available =
        m_table->viewport()->width() -
        (m_table->verticalScrollBar()->isVisible()
             ? 0
             : style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_table));
    const bool roomy = others + m_fullAgeWidth + m_minimumRangeWidth <= available;
    const int age = roomy ? m_fullAgeWidth : m_compactAgeWidth;
    if (header->sectionSize(LatencyResultsModel::AgeColumn) != age)
        m_table->setColumnWidth(LatencyResultsModel::AgeColumn, age);
}

QLabel *LatencyPanel::emptyStateLabel() const
{
    return m_emptyState;
}

void LatencyPanel::wireProber()
{
    LatencyProber *prober = m_services.prober;
    // The shared model follows the prober once, whichever screen asks; the
    // panel only adds what is its own. Connected after the model, so the
    // rows exist when the panel reacts.
    m_services.latency->follow(prober);
    connect(prober, &LatencyProber::started, this, [this](const QStringList &codes) {
        // Rows keep their places while measured (SPEC §14, Mumble); the table
        // is sorted again when the test ends.
        m_proxy->setDynamicSortFilter(false);
        onStarted(codes);
    });
    connect(prober, &LatencyProber::regionFinished, this,
            [this](const LatencyResult &result) { m_runResults.append(result); });
    connect(prober, &LatencyProber::progress, this, &LatencyPanel::onProgress);
    connect(prober, &LatencyProber::finished, this, &LatencyPanel::onFinished);
    connect(prober, &LatencyProber::cancelled, this, &LatencyPanel::onCancelled);
}

bool LatencyPanel::isTesting() const
{
    return m_testing;
}

bool LatencyPanel::statusIsProblem() const
{
    return m_statusIsProblem;
}

QTableView *LatencyPanel::table() const
{
    return m_table;
}

QSortFilterProxyModel *LatencyPanel::proxy() const
{
    return m_proxy;
}

QPushButton *LatencyPanel::testButton() const
{
    return m_testButton;
}

QAction *LatencyPanel::testAction() const
{
    return m_testAction;
}

QAction *LatencyPanel::copyAction() const
{
    return m_copyAction;
}

QAction *LatencyPanel::exportAction() const
{
    return m_exportAction;
}

QComboBox *LatencyPanel::modeSelector() const
{
    return m_mode;
}

QSpinBox *LatencyPanel::samplesBox() const
{
    return m_samples;
}

QProgressBar *LatencyPanel::progressBar() const
{
    return m_progress;
}

LatencyHistoryChart *LatencyPanel::historyChart() const
{
    return m_history;
}

ProbeMode LatencyPanel::mode() const
{
    return static_cast<ProbeMode>(m_mode->currentData().toInt());
}

void LatencyPanel::setMode(ProbeMode mode)
{
    const int index = m_mode->findData(static_cast<int>(mode));
    if (index >= 0)
        m_mode->setCurrentIndex(index);
}

int LatencyPanel::samples() const
{
    return m_samples->value();
}

void LatencyPanel::setSamples(int samples)
{
    m_samples->setValue(samples);
}

QString LatencyPanel::statusText() const
{
    return m_status->text();
}

void LatencyPanel::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : [] { return QDateTime::currentDateTimeUtc(); };
}

QString LatencyPanel::selectedRegion() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(LatencyResultsModel::CodeRole).toString();
}

QString LatencyPanel::progressText(int done, int total) const
{
    return total == 1 ? tr("%1 of 1 region").arg(done)
                      : tr("%1 of %n regions", nullptr, total).arg(done);
}

QUrl LatencyPanel::server() const
{
    if (m_services.session && m_services.session->server().isValid())
        return m_services.session->server();
    if (m_services.api)
        return m_services.api->options().baseUrl;
    return {};
}

QDateTime LatencyPanel::now() const
{
    return m_clock();
}

void LatencyPanel::testAll()
{
    if (m_testing)
        return;
    const QList<domain::Region> regions = m_services.regions->regions();
    if (regions.isEmpty()) {
        setStatus(tr("No online regions to test."), true);
        return;
    }
    LatencyProber::Settings settings;
    settings.samples = m_samples->value();
    settings.mode = mode();
    m_runResults.clear();
    m_startedHere = true;
    m_services.latency->expectMode(settings.mode);
    // Regions that cannot be tested are reported at once, with why.
    m_services.prober->start(regions, settings);
}

void LatencyPanel::cancel()
{
    if (m_services.prober->isRunning())
        m_services.prober->cancel();
}

void LatencyPanel::onStarted(const QStringList &codes)
{
    m_total = static_cast<int>(codes.size());
    m_done = 0;
    m_elapsed.start();
    m_progress->setRange(0, std::max(1, m_total));
    m_progress->setValue(0);
    m_progress->setFormat(progressText(0, m_total));
    m_progress->show();
    setTesting(true);
    // A test another screen started says so, not this screen's settings.
    const QString how =
        m_startedHere ? howText(mode(), m_samples->value()) : tr("as started on another screen");
    setStatus(m_total == 1 ? tr("Testing 1 region %1…").arg(how)
                           : tr("Testing %n regions %1…", nullptr, m_total).arg(how));
}

void LatencyPanel::onProgress(int done, int total)
{
    m_done = done;
    m_total = total;
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    m_progress->setFormat(progressText(done, total));
}

QString LatencyPanel::finishedSummary(const QList<LatencyResult> &results, bool *problem) const
{
    int tested = 0;
    QStringList unreachable;
    QStringList unreachableCodes;
    QStringList skipped;
    QStringList errors;
    for (const LatencyResult &r : results) {
        if (r.samples.isEmpty() && !r.error.isEmpty()) {
            skipped.append(tr("%1 not tested: %2").arg(r.regionCode, r.error));
            continue;
        }
        ++tested;
        if (r.stats.received == 0) {
            const QString reason = reasonOf(r);
            unreachable.append(reason.isEmpty()
                                   ? tr("%1 unreachable").arg(r.regionCode)
                                   : tr("%1 unreachable: %2").arg(r.regionCode, reason));
            unreachableCodes.append(r.regionCode);
        } else if (!r.error.isEmpty()) {
            errors.append(tr("%1: %2").arg(r.regionCode, r.error));
        }
    }

    QStringList sentences;
    if (tested == 0) {
        sentences.append(tr("No online regions to test."));
    } else {
        const double seconds = static_cast<double>(m_elapsed.elapsed()) / 1000.0;
        const QString time = QLocale().toString(seconds, 'f', 1);
        sentences.append(tested == 1 ? tr("Tested 1 region in %1 s.").arg(time)
                                     : tr("Tested %n regions in %1 s.", nullptr, tested).arg(time));
    }
    if (unreachable.size() > kProblemsSpelledOut) {
        sentences.append(
            tr("%n regions unreachable: %1.", nullptr, static_cast<int>(unreachable.size()))
                .arg(unreachableCodes.join(tr(", "))));
    } else if (!unreachable.isEmpty()) {
        sentences.append(unreachable.join(tr("; ")) + u'.');
    }
    if (!errors.isEmpty())
        sentences.append(errors.join(tr("; ")) + u'.');
    if (!skipped.isEmpty())
        sentences.append(skipped.join(tr("; ")) + u'.');
    *problem = tested == 0 || !unreachable.isEmpty() || !errors.isEmpty() || !skipped.isEmpty();
    return sentences.join(u' ');
}

void LatencyPanel::onFinished(const QList<LatencyResult> &results)
{
    m_proxy->setDynamicSortFilter(true);
    setTesting(false);
    m_progress->setRange(0, std::max(1, m_total));
    m_progress->setValue(m_total);
    m_progress->setFormat(progressText(m_total, m_total));
    saveToCache(results);
    bool problem = false;
    QString summary = finishedSummary(results, &problem);
    if (!m_startedHere)
        summary += u' ' + adoptSettingsOf(results);
    m_startedHere = false;
    setStatus(summary, problem);
    refreshAges();
    updateHistory();
}

QString LatencyPanel::howText(ProbeMode probeMode, int samples) const
{
    return samples == 1 ? tr("by %1, 1 sample each").arg(LatencyResultsModel::modeText(probeMode))
                        : tr("by %1, %2 samples each")
                              .arg(LatencyResultsModel::modeText(probeMode))
                              .arg(samples);
}

// A test started elsewhere (the Waddles screen) ran with its own mode and
// sample count: the controls take them, so they never silently disagree
// with the rows (issue 10), and the status says so.
QString LatencyPanel::adoptSettingsOf(const QList<LatencyResult> &results)
{
    const auto measured = std::find_if(results.cbegin(), results.cend(),
                                       [](const LatencyResult &r) { return r.stats.sent > 0; });
    if (measured == results.cend())
        return {};
    const QSignalBlocker blockMode(m_mode);
    const QSignalBlocker blockSamples(m_samples);
    setMode(measured->mode);
    m_mode->setToolTip(m_mode->currentData(Qt::ToolTipRole).toString());
    setSamples(measured->stats.sent);
    return tr("The test was started on another screen, %1; the controls now show its settings.")
        .arg(howText(measured->mode, measured->stats.sent));
}

void LatencyPanel::onCancelled()
{
    m_proxy->setDynamicSortFilter(true);
    setTesting(false);
    m_startedHere = false;
    // What did finish is as good as any other result.
    saveToCache(m_runResults);
    setStatus(m_total == 1 ? tr("Cancelled before the region finished.")
                           : tr("Cancelled after %1 of %n regions.", nullptr, m_total).arg(m_done));
    refreshAges();
    updateHistory();
}

void LatencyPanel::saveToCache(const QList<LatencyResult> &results)
{
    if (!m_services.cache || !server().isValid())
        return;
    // A region that was not tested at all ("offline", "no STUN endpoint")
    // has no measurement worth keeping.
    QList<LatencyResult> measured;
    for (const LatencyResult &r : results) {
        if (!r.samples.isEmpty() && r.measuredAt.isValid())
            measured.append(r);
    }
    if (measured.isEmpty())
        return;
    const domain::Result<void> saved = m_services.cache->saveLatency(server(), measured);
    if (!saved)
        qWarning("Latency results not cached: %s", qPrintable(saved.error().message));
}

void LatencyPanel::setTesting(bool testing)
{
    if (m_testing == testing)
        return;
    m_testing = testing;
    m_mode->setEnabled(!testing);
    m_samples->setEnabled(!testing);
    updateTestButton();
    Q_EMIT testingChanged(testing);
}

void LatencyPanel::updateTestButton()
{
    m_testAction->setEnabled(!m_testing);
    if (m_testing) {
        m_testButton->setText(tr("Cancel"));
        m_testButton->setShortcut(QKeySequence(Qt::Key_Escape));
        m_testButton->setAccessibleName(tr("Cancel the test"));
        m_testButton->setToolTip(
            tr("Stop the test (%1)").arg(shortcutText(m_testButton->shortcut())));
    } else {
        m_testButton->setText(tr("Test All Regions"));
        // Ctrl+T belongs to testAction(); the button only shows it.
        m_testButton->setShortcut(QKeySequence());
        m_testButton->setAccessibleName(tr("Test all regions"));
        m_testButton->setToolTip(tr("Measure the latency to every region at once (%1)")
                                     .arg(shortcutText(m_testAction->shortcut())));
    }
}

// The rows keep the sample count they were measured with; a new count in
// the box is for the next test, and the status says so.
void LatencyPanel::noteSamplesChange(int samples)
{
    if (m_testing)
        return;
    int shown = 0;
    for (const LatencyResult &r : m_services.latency->results())
        shown = std::max(shown, r.stats.sent);
    if (shown == 0 || shown == samples)
        return;
    setStatus(tr("The rows are from tests of %1 samples each; the next test takes %2.")
                  .arg(shown)
                  .arg(samples));
}

void LatencyPanel::setProgressIdle()
{
    // No bar with nothing in it: the table says that no test has run.
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_progress->hide();
}

void LatencyPanel::updateModes()
{
    const QList<domain::Region> regions = m_services.regions->regions();
    const bool anyStun = std::any_of(regions.cbegin(), regions.cend(),
                                     [](const domain::Region &r) { return !r.stun.isEmpty(); });
    const int stunIndex = m_mode->findData(static_cast<int>(ProbeMode::Stun));
    if (auto *items = qobject_cast<QStandardItemModel *>(m_mode->model())) {
        QStandardItem *stun = items->item(stunIndex);
        stun->setEnabled(anyStun);
        stun->setToolTip(anyStun ? tr("STUN: sends RFC 5389 Binding requests over UDP to each "
                                      "region's STUN endpoint, the path voice media takes.")
                                 : tr("STUN: none of the regions has a STUN endpoint."));
    }
    if (!anyStun && m_mode->currentIndex() == stunIndex)
        setMode(ProbeMode::Http);
    m_mode->setToolTip(m_mode->currentData(Qt::ToolTipRole).toString());
}

void LatencyPanel::updateRegionNames()
{
    const QHash<QString, QString> names = m_services.regions->regionNames();
    // Health updates arrive all the time; only new names are news here (and
    // a column the user widened stays as it is).
    if (names == m_regionNames)
        return;
    m_regionNames = names;
    m_services.latency->setRegionNames(names);
    updateColumnWidths();
}

// Widths that fit the header and the widest likely figure, fixed rather
// than fitted to the contents so columns do not twitch while rows fill in;
// Range takes what is left for its bar.
void LatencyPanel::updateColumnWidths()
{
    const QFontMetrics cell(m_table->font());
    const QFontMetrics head(m_table->horizontalHeader()->font());
    const int padding = 2 * cell.averageCharWidth() + 4;
    // Room for the header's margins and the sort arrow, which any column
    // may show.
    const int headerMargin = style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, m_table);
    const int sortArrow = style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, m_table);
    const auto fit = [&](int column, QStringList samples) {
        // The title as the header shows it, perhaps on two lines.
        const QString title =
            m_proxy->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        // What QHeaderView asks for: the text, its margins, the sort arrow.
        int width = head.size(0, title).width() + sortArrow + 3 * headerMargin;
        for (const QString &sample : samples)
            width = std::max(width, cell.horizontalAdvance(sample) + padding);
        m_table->setColumnWidth(column, width);
    };

    QStringList names{u"mmmmmmmm"_s};
    for (const domain::Region &region : m_services.regions->regions())
        names.append(region.name.isEmpty() ? region.code : region.name);
    fit(LatencyResultsModel::RegionColumn, names);
    QStringList qualities;
    for (const auto quality :
         {domain::LatencyQuality::Excellent, domain::LatencyQuality::Good,
          domain::LatencyQuality::Fair, domain::LatencyQuality::Poor,
          domain::LatencyQuality::Unreachable, domain::LatencyQuality::Unknown}) {
        // The marker, then the word.
        qualities.append(styleFor(quality).label + u"MM"_s);
    }
    qualities.append(LatencyResultsModel::tr("testing…") + u"MM"_s);
    fit(LatencyResultsModel::QualityColumn, qualities);
    const QLocale locale;
    for (const int column : {LatencyResultsModel::AverageColumn, LatencyResultsModel::MedianColumn,
                             LatencyResultsModel::P95Column, LatencyResultsModel::ConnectColumn})
        fit(column, {locale.toString(8888)});
    fit(LatencyResultsModel::JitterColumn, {locale.toString(888.8, 'f', 1)});
    fit(LatencyResultsModel::LossColumn, {locale.toString(100.0, 'f', 1)});
    fit(LatencyResultsModel::SamplesColumn,
        {m_proxy->tr("%1 · %2").arg(u"50/50"_s, LatencyResultsModel::modeText(ProbeMode::Stun))});
    fit(LatencyResultsModel::ModeColumn, {LatencyResultsModel::modeText(ProbeMode::Http),
                                          LatencyResultsModel::modeText(ProbeMode::Tcp),
                                          LatencyResultsModel::modeText(ProbeMode::Stun)});
    fit(LatencyResultsModel::RankColumn, {u"=88"_s});
    // Cached results are at most 5 minutes old (SPEC §4); an older age is
    // elided, and the cell's tooltip gives the time.
    fit(LatencyResultsModel::AgeColumn,
        {LatencyDelegate::tr("cached, %1").arg(LatencyResultsModel::tr("%n min ago", nullptr, 5))});
    m_fullAgeWidth = m_table->columnWidth(LatencyResultsModel::AgeColumn);
    fit(LatencyResultsModel::AgeColumn, {LatencyResultsModel::tr("%n min ago", nullptr, 59)});
    m_compactAgeWidth = m_table->columnWidth(LatencyResultsModel::AgeColumn);
    m_minimumRangeWidth = 4 * cell.height() + padding;
    fitAgeColumn();
    m_table->horizontalHeader()->setMinimumSectionSize(cell.averageCharWidth() * 4);
    m_table->verticalHeader()->setDefaultSectionSize(cell.height() + 10);
}

void LatencyPanel::onModeChanged()
{
    m_mode->setToolTip(m_mode->currentData(Qt::ToolTipRole).toString());
    if (m_testing)
        return;
    // Results of another mode are not comparable with this one's.
    const QList<LatencyResult> shown = m_services.latency->results();
    const ProbeMode current = mode();
    const bool otherMode =
        std::any_of(shown.cbegin(), shown.cend(),
                    [current](const LatencyResult &r) { return r.mode != current; });
    if (otherMode)
        m_services.latency->clear();
    reloadCached();
    updateHistory();
}

void LatencyPanel::onServerChanged()
{
    if (m_testing) {
        // What the old server's test measured is not the new server's.
        m_runResults.clear();
        cancel();
    }
    m_services.latency->clear();
    setProgressIdle();
    setStatus({});
    if (isVisible())
        reloadCached();
    updateHistory();
}

void LatencyPanel::reloadCached()
{
    if (!m_services.cache || m_testing || m_services.latency->rowCount() > 0)
        return;
    const QUrl url = server();
    if (!url.isValid())
        return;
    const QDateTime at = now();
    const QList<LatencyResult> results = m_services.cache->freshLatency(url, mode(), at);
    if (results.isEmpty())
        return;
    m_services.latency->setCachedResults(results, at);
    QDateTime newest;
    for (const LatencyResult &r : results) {
        if (!newest.isValid() || r.measuredAt > newest)
            newest = r.measuredAt;
    }
    setStatus(tr("Showing cached %1 results from %2. Test again with %3.")
                  .arg(LatencyResultsModel::modeText(mode()),
                       client::Session::describeAge(newest, at),
                       shortcutText(m_testAction->shortcut())));
}

void LatencyPanel::refreshAges()
{
    m_services.latency->setNow(now());
}

void LatencyPanel::updateHistory()
{
    const QString code = selectedRegion();
    if (code.isEmpty()) {
        m_historyTitle->setText(tr("History"));
        m_history->setPlaceholder(tr("Select a region to see its earlier tests."));
        m_history->setHistory({});
        return;
    }
    const QString name = m_services.regions->regionName(code);
    if (!m_services.cache || !server().isValid()) {
        m_historyTitle->setText(tr("History of %1").arg(name));
        m_history->setPlaceholder(tr("Earlier tests are not kept: there is no cache."));
        m_history->setHistory({});
        return;
    }
    const ProbeMode current = mode();
    QList<LatencyResult> history;
    // Newest first from the cache; the chart wants oldest first, one mode.
    const QList<LatencyResult> stored =
        m_services.cache->latencyHistory(server(), code, kHistoryLength);
    for (auto it = stored.crbegin(); it != stored.crend(); ++it) {
        if (it->mode == current)
            history.append(*it);
    }
    const auto count = static_cast<int>(history.size());
    const QString mode = LatencyResultsModel::modeText(current);
    m_historyTitle->setText(
        count == 1 ? tr("History of %1 by %2: average and min–max of its one test").arg(name, mode)
                   : tr("History of %1 by %2: average and min–max of each test, last %3")
                         .arg(name, mode, tr("%n tests", nullptr, count)));
    m_history->setPlaceholder(
        tr("No earlier %1 tests of %2.").arg(LatencyResultsModel::modeText(current), name));
    m_history->setHistory(history);
}

void LatencyPanel::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_statusIsProblem = problem;
    m_statusIcon->setVisible(problem && !text.isEmpty());
}

QString LatencyPanel::csv() const
{
    // The rows in the order the table shows them (issue 10).
    QList<int> order;
    order.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        order.append(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return m_services.latency->toCsv(order);
}

void LatencyPanel::copyToClipboard()
{
    const int rows = m_services.latency->rowCount();
    if (rows == 0) {
        setStatus(tr("Nothing to copy yet: run a test first."));
        return;
    }
    QGuiApplication::clipboard()->setText(csv());
    setStatus(rows == 1 ? tr("Copied 1 row as CSV.") : tr("Copied %n rows as CSV.", nullptr, rows));
}

void LatencyPanel::exportInteractively()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = tr("latency-%1.csv").arg(now().toLocalTime().toString(u"yyyy-MM-dd-HHmm"));
    auto *dialog = new QFileDialog(this, tr("Export Latency Results"), QDir(folder).filePath(name),
                                   tr("CSV files (*.csv);;All files (*)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &path) { exportCsv(path); });
    dialog->open();
}

bool LatencyPanel::exportCsv(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setStatus(tr("Could not export to %1: %2").arg(shown, file.errorString()), true);
        return false;
    }
    const QByteArray bytes = csv().toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        setStatus(tr("Could not export to %1: %2").arg(shown, file.errorString()), true);
        return false;
    }
    const int rows = m_services.latency->rowCount();
    setStatus(rows == 1 ? tr("Exported 1 row to %1.").arg(shown)
                        : tr("Exported %n rows to %1.", nullptr, rows).arg(shown));
    return true;
}

void LatencyPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reloadCached();
    refreshAges();
    m_ageTimer.start();
}

void LatencyPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_ageTimer.stop();
}

void LatencyPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateColumnWidths();
}

} // namespace waddle::ui
