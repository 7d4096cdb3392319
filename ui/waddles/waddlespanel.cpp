#include "waddlespanel.h"

#include "client/latencyresultsmodel.h"
#include "client/probe/latencyprober.h"
#include "client/recommendationmodel.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "client/units.h"
#include "client/waddleeditor.h"
#include "conflictbox.h"
#include "messagebar.h"
#include "regionchoicelist.h"
#include "twolineheaderproxy.h"
#include "ui/common/permissions.h"
#include "ui/common/services.h"
#include "ui/map/mapformat.h"
#include "winnerdelegate.h"

#include <QAbstractButton>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace waddle::ui {

using client::WaddleEditor;

namespace {

QLabel *mutedLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    return label;
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

} // namespace

WaddlesPanel::WaddlesPanel(Services &services, WaddleEditor &editor, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_editor(editor)
    , m_waddles(&editor.waddles())
    , m_recommendation(&editor.recommendation())
{
    setAccessibleName(tr("Waddles"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildList());
    splitter->addWidget(buildPage());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({380, 620});
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    // Keyboard paths (STYLE.md): Ctrl+F searches, Ctrl+S saves; the buttons
    // carry Alt mnemonics.
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    auto *clearSearch = new QShortcut(QKeySequence(Qt::Key_Escape), m_search);
    clearSearch->setContext(Qt::WidgetShortcut);
    connect(clearSearch, &QShortcut::activated, m_search, &QLineEdit::clear);
    auto *saveKey = new QShortcut(QKeySequence::Save, this);
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(saveKey, &QShortcut::activated, this, &WaddlesPanel::saveRegion);

    // The shared prober fills the shared latency model (once, however many
    // screens ask).
    if (m_services.prober && m_services.latency) {
        client::LatencyProber *prober = m_services.prober;
        m_services.latency->follow(prober);
        connect(prober, &client::LatencyProber::finished, this, &WaddlesPanel::updateButtons);
        connect(prober, &client::LatencyProber::cancelled, this, &WaddlesPanel::updateButtons);
    }
    if (m_services.regions) {
        // Region names in the heading and the breakdown follow the catalogue.
        connect(m_services.regions, &QAbstractItemModel::modelReset, this,
                &WaddlesPanel::refreshPage);
    }
    bindEditor();
    refreshListStatus();
    updateButtons();
}

WaddlesPanel::~WaddlesPanel() = default;

QStringList WaddlesPanel::selectedWaddleIds() const
{
    QStringList ids;
    for (const QModelIndex &row : m_list->selectionModel()->selectedRows())
        ids.append(row.data(client::WaddlesModel::IdRole).toString());
    return ids;
}

QString WaddlesPanel::currentWaddleId() const
{
    return m_editor.openId();
}

std::optional<domain::Waddle> WaddlesPanel::currentWaddle() const
{
    return m_editor.waddle();
}

QString WaddlesPanel::choice() const
{
    return m_editor.choice();
}

bool WaddlesPanel::hasUnsavedChoice() const
{
    return m_editor.hasUnsavedChoice();
}

bool WaddlesPanel::isSaving() const
{
    return m_editor.isSaving();
}

client::WaddlesModel *WaddlesPanel::waddlesModel() const
{
    return m_waddles;
}

client::RecommendationModel *WaddlesPanel::recommendationModel() const
{
    return m_recommendation;
}

void WaddlesPanel::openWaddle(const QString &id)
{
    m_editor.open(id);
}

void WaddlesPanel::saveRegion()
{
    // Ctrl+S reaches here with Save disabled too: a key that may not
    // change regions does not try.
    if (!allows(m_services.session, domain::Action::ChangeVoiceRegion))
        return;
    m_editor.save();
}

// --- The list ----------------------------------------------------------------

QWidget *WaddlesPanel::buildList()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 6, 0);

    auto *searchLabel = new QLabel(tr("&Search:"), box);
    m_search = new QLineEdit(box);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Waddle name (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search waddles by name"));
    searchLabel->setBuddy(m_search);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(m_search, 1);
    layout->addLayout(searchRow);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_waddles);
    m_proxy->setFilterKeyColumn(client::WaddlesModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(client::WaddlesModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_list = new QTableView(box);
    m_list->setObjectName(QStringLiteral("waddleList"));
    m_list->setAccessibleName(tr("Waddles"));
    m_list->setModel(m_proxy);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several at once for a migration (Shift/Ctrl with the arrows); the
    // page shows the current one.
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAlternatingRowColors(true);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(-1, Qt::AscendingOrder); // the server's order until asked
    m_list->setWordWrap(false);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setHighlightSections(false);
    m_list->horizontalHeader()->setSectionResizeMode(client::WaddlesModel::NameColumn,
                                                     QHeaderView::Stretch);
    m_list->horizontalHeader()->setSectionResizeMode(client::WaddlesModel::VoiceRegionColumn,
                                                     QHeaderView::Interactive);
    m_list->horizontalHeader()->setSectionResizeMode(client::WaddlesModel::MembersColumn,
                                                     QHeaderView::ResizeToContents);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->viewport()->installEventFilter(this);
    // Narrow: where a waddle runs now is on its page (and in the Voice
    // region tooltip of an automatic one).
    m_list->setColumnHidden(client::WaddlesModel::CurrentRegionColumn, true);
    m_list->setColumnHidden(client::WaddlesModel::ActiveChannelsColumn, true);
    m_list->setColumnHidden(client::WaddlesModel::TemporaryColumn, true);
    // Tab leaves the table; the arrows move inside it (issue 10).
    m_list->setTabKeyNavigation(false);
    m_listStack = new QStackedWidget(box);
    m_listStack->addWidget(m_list);
    m_noMatch = new QLabel(m_listStack);
    m_noMatch->setObjectName(QStringLiteral("noMatch"));
    m_noMatch->setAlignment(Qt::AlignCenter);
    m_noMatch->setWordWrap(true);
    m_noMatch->setMargin(12);
    m_listStack->addWidget(m_noMatch);
    layout->addWidget(m_listStack, 1);
    setTabOrder(m_search, m_list);

    auto *statusRow = new QHBoxLayout;
    m_listStatus = new QLabel(box);
    m_listStatus->setObjectName(QStringLiteral("listStatus"));
    m_listStatus->setWordWrap(true);
    m_retry = new QPushButton(tr("&Retry"), box);
    m_retry->setObjectName(QStringLiteral("retryList"));
    m_retry->setAccessibleName(tr("Retry loading waddles"));
    m_retry->hide();
    m_migrate = new QPushButton(tr("Mi&grate…"), box);
    m_migrate->setObjectName(QStringLiteral("migrateWaddles"));
    m_migrate->setToolTip(tr("Move the selected waddles to another region, with a preview of "
                             "who gets faster or slower"));
    applyPermission(m_migrate, m_services.session, domain::Action::MigrateWaddles, false);
    statusRow->addWidget(m_listStatus, 1);
    statusRow->addWidget(m_retry);
    statusRow->addWidget(m_migrate);
    layout->addLayout(statusRow);
    connect(m_migrate, &QPushButton::clicked, this, [this] {
        const QStringList ids = selectedWaddleIds();
        if (!ids.isEmpty())
            Q_EMIT migrateRequested(ids);
    });
    const auto refreshMigrate = [this] {
        applyPermission(m_migrate, m_services.session, domain::Action::MigrateWaddles,
                        !selectedWaddleIds().isEmpty());
    };
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, refreshMigrate);
    if (m_services.session) {
        connect(m_services.session, &client::Session::permissionsChanged, this,
                [this, refreshMigrate] {
                    refreshMigrate();
                    updateButtons();
                });
    }

    connect(m_search, &QLineEdit::textChanged, this, &WaddlesPanel::onSearchChanged);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current); });
    connect(m_retry, &QPushButton::clicked, m_waddles, &client::WaddlesModel::reload);
    connect(m_waddles, &client::PagedListModel::loadingChanged, this, [this](bool loading) {
        // A search looks through every waddle: keep paging until the end.
        if (!loading && m_fetchingAll && m_waddles->canFetchMore({}))
            m_waddles->fetchMore({});
        else if (!loading)
            m_fetchingAll = false;
        refreshListStatus();
    });
    connect(m_waddles, &client::PagedListModel::errorOccurred, this,
            &WaddlesPanel::refreshListStatus);
    connect(m_waddles, &QAbstractItemModel::rowsInserted, this, [this] {
        refreshListStatus();
        if (!m_editor.openId().isEmpty() && !m_list->currentIndex().isValid())
            selectRowOf(m_editor.openId());
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &WaddlesPanel::refreshListStatus);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &WaddlesPanel::fitListColumns);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &WaddlesPanel::refreshListStatus);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &WaddlesPanel::refreshListStatus);
    return box;
}

void WaddlesPanel::onCurrentRowChanged(const QModelIndex &current)
{
    if (!current.isValid())
        return; // filtered away or cleared: the open page stays
    const QString id = current.data(client::WaddlesModel::IdRole).toString();
    if (!id.isEmpty() && id != m_editor.openId())
        openWaddle(id);
}

void WaddlesPanel::onSearchChanged(const QString &text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    // Waddles not paged in yet cannot match: a search brings them all (a few
    // hundred), one page after another.
    if (!text.trimmed().isEmpty())
        fetchAllPages();
    refreshListStatus();
}

void WaddlesPanel::fetchAllPages()
{
    if (m_waddles->atEnd() || m_waddles->hasError())
        return;
    m_fetchingAll = true;
    if (m_waddles->canFetchMore({}))
        m_waddles->fetchMore({});
}

void WaddlesPanel::refreshListStatus()
{
    const QLocale locale;
    const bool failed = m_waddles->hasError();
    m_retry->setVisible(failed);
    QString text;
    const int loaded = m_waddles->rowCount();
    const qint64 total = m_waddles->total();
    const QString search = m_search->text().trimmed();
    if (failed) {
        text = tr("Could not load the waddles. %1").arg(m_waddles->lastError().describe());
    } else if (const std::optional<QDateTime> cachedSince = m_editor.listCachedSince()) {
        text =
            // A time, not an age: the banner says how old the data is, in
            // one wording for every place (issue 10).
            tr("Offline: %1 waddles as saved at %2.")
                .arg(locale.toString(total),
                     locale.toString(cachedSince->toLocalTime(), QLocale::ShortFormat));
    } else if (loaded == 0 && m_waddles->loading()) {
        text = tr("Loading waddles…");
    } else if (!search.isEmpty()) {
        text = tr("Matching “%1”: %2").arg(search, locale.toString(m_proxy->rowCount()));
        if (!m_waddles->atEnd())
            text = tr("%1 (searching all %2…)").arg(text, locale.toString(total));
    } else if (loaded < total) {
        text = tr("%1 of %2 waddles loaded; scroll for more")
                   .arg(locale.toString(loaded), locale.toString(total));
    } else {
        text = tr("Waddles: %1").arg(locale.toString(loaded));
    }
    m_listStatus->setText(text);
    m_listStatus->setAccessibleName(text);

    // A search that matched nothing (once every waddle was looked at) says
    // so where the rows would be, instead of an empty table.
    const bool noMatch = !failed && !search.isEmpty() && m_proxy->rowCount() == 0 &&
                         (m_waddles->atEnd() || !m_waddles->loading());
    m_noMatch->setText(noMatch ? tr("No waddle is named like “%1”.\nCheck the spelling, or "
                                    "clear the search (Esc) to see them all.")
                                     .arg(search)
                               : QString());
    m_noMatch->setAccessibleName(m_noMatch->text());
    m_listStack->setCurrentWidget(noMatch ? static_cast<QWidget *>(m_noMatch) : m_list);
}

void WaddlesPanel::selectRowOf(const QString &id)
{
    const int row = m_waddles->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_waddles->index(row, 0));
    if (!index.isValid())
        return;
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_list->scrollTo(index);
}

// --- The settings page -------------------------------------------------------

QWidget *WaddlesPanel::buildPage()
{
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("settingsStack"));

    auto *placeholder =
        new QLabel(tr("Select a waddle to see and change its voice region."), m_stack);
    placeholder->setObjectName(QStringLiteral("placeholder"));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    m_placeholder = placeholder;
    m_stack->addWidget(m_placeholder);

    m_loadingPage = new QWidget(m_stack);
    auto *loadingLayout = new QVBoxLayout(m_loadingPage);
    loadingLayout->addStretch(1);
    m_loadingText = new QLabel(m_loadingPage);
    m_loadingText->setObjectName(QStringLiteral("loadingText"));
    m_loadingText->setAlignment(Qt::AlignCenter);
    m_loadingText->setWordWrap(true);
    m_reloadPage = new QPushButton(tr("&Try again"), m_loadingPage);
    m_reloadPage->setObjectName(QStringLiteral("reloadWaddle"));
    m_reloadPage->setAccessibleName(tr("Try loading the waddle again"));
    loadingLayout->addWidget(m_loadingText);
    loadingLayout->addWidget(m_reloadPage, 0, Qt::AlignHCenter);
    loadingLayout->addStretch(2);
    m_stack->addWidget(m_loadingPage);
    connect(m_reloadPage, &QPushButton::clicked, &m_editor, &client::WaddleEditor::reload);

    m_pageScroll = new QScrollArea(m_stack);
    m_pageScroll->setWidgetResizable(true);
    m_pageScroll->setFrameShape(QFrame::NoFrame);
    // The page scrolls by wheel and by following focus; Tab skips it.
    m_pageScroll->setFocusPolicy(Qt::NoFocus);
    // The page fits the width; it scrolls only down.
    m_pageScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pageScroll->viewport()->installEventFilter(this);
    m_page = new QWidget(m_pageScroll);
    m_page->setObjectName(QStringLiteral("settingsPage"));
    auto *layout = new QVBoxLayout(m_page);
    layout->setContentsMargins(12, 6, 12, 12);
    layout->setSpacing(8);

    // Heading: the waddle, its members, where it runs.
    m_title = new QLabel(m_page);
    m_title->setObjectName(QStringLiteral("waddleTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(m_page);
    m_summary->setObjectName(QStringLiteral("waddleSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_temporary = new QLabel(m_page);
    m_temporary->setObjectName(QStringLiteral("temporaryNote"));
    m_temporary->setWordWrap(true);
    m_temporary->setStyleSheet(
        QStringLiteral("QLabel#temporaryNote { border-left: 4px solid rgb(230, 159, 0); "
                       "padding-left: 6px; font-weight: bold; }"));
    m_membersText = mutedLabel(m_page);
    m_membersText->setObjectName(QStringLiteral("membersText"));
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_temporary);
    layout->addWidget(m_membersText);

    // The seed's radio list.
    layout->addSpacing(6);
    layout->addWidget(sectionTitle(tr("Voice region"), m_page));
    auto *intro = mutedLabel(m_page);
    intro->setText(tr("Choose the server region closest to your members for the best voice "
                      "quality."));
    layout->addWidget(intro);
    m_choices = new RegionChoiceList(m_services.regions, m_services.latency, m_page);
    m_choices->setObjectName(QStringLiteral("regionChoices"));
    layout->addWidget(m_choices);
    connect(m_choices, &RegionChoiceList::choiceChanged, this, &WaddlesPanel::onChoiceChanged);
    connect(&m_editor, &WaddleEditor::choiceChanged, this, &WaddlesPanel::refreshWhy);

    auto *buttons = new QHBoxLayout;
    m_test = new QPushButton(m_page);
    m_test->setObjectName(QStringLiteral("testAll"));
    m_test->setAccessibleName(tr("Test all regions"));
    m_test->setToolTip(tr("Measure the latency from this computer to every region"));
    m_save = new QPushButton(m_page);
    m_save->setObjectName(QStringLiteral("saveRegion"));
    m_save->setAccessibleName(tr("Save region"));
    m_save->setToolTip(
        tr("Save the chosen voice region (%1)")
            .arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    m_save->setDefault(true);
    buttons->addWidget(m_test);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_test, &QPushButton::clicked, this, &WaddlesPanel::testAllRegions);
    connect(m_save, &QPushButton::clicked, this, &WaddlesPanel::saveRegion);
    // Tab: the list, then the choices (Automatic, the regions), Test, Save.
    const auto chainTabs = [this] {
        QWidget *previous = m_list;
        const QList<QAbstractButton *> buttons = m_choices->buttons();
        for (QWidget *next : buttons) {
            setTabOrder(previous, next);
            previous = next;
        }
        setTabOrder(previous, m_test);
        setTabOrder(m_test, m_save);
    };
    chainTabs();
    connect(m_choices, &RegionChoiceList::rebuilt, this, chainTabs);

    m_message = new MessageBar(m_page);
    m_message->setObjectName(QStringLiteral("saveMessage"));
    m_note = new MessageBar(m_page);
    m_note->setObjectName(QStringLiteral("serverNote"));
    m_conflictBox = new ConflictBox(m_page);
    layout->addWidget(m_conflictBox);
    layout->addWidget(m_message);
    layout->addWidget(m_note);
    connect(m_conflictBox, &ConflictBox::applyMineRequested, &m_editor,
            &client::WaddleEditor::applyMine);
    connect(m_conflictBox, &ConflictBox::keepTheirsRequested, &m_editor,
            &client::WaddleEditor::keepTheirs);

    // Why this region: every region's score, term by term (SPEC §5).
    layout->addSpacing(6);
    layout->addWidget(sectionTitle(tr("Why this region"), m_page));
    m_recommendationText = new QLabel(m_page);
    m_recommendationText->setObjectName(QStringLiteral("recommendationText"));
    m_recommendationText->setWordWrap(true);
    m_recommendationText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_recommendationText);
    m_slower = new MessageBar(m_page);
    m_slower->setObjectName(QStringLiteral("slowerWarning"));
    m_slower->setClosable(false);
    layout->addWidget(m_slower);
    m_recommendationView = new QTableView(m_page);
    m_recommendationView->setObjectName(QStringLiteral("recommendationTable"));
    m_recommendationView->setAccessibleName(tr("Recommendation: score of every region"));
    auto *headers = new TwoLineHeaderProxy(m_recommendationView);
    headers->setSourceModel(m_recommendation);
    m_recommendationView->setModel(headers);
    m_recommendationView->setItemDelegate(new WinnerDelegate(m_recommendationView));
    m_recommendationView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_recommendationView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_recommendationView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recommendationView->setWordWrap(false);
    m_recommendationView->setTabKeyNavigation(false);
    m_recommendationView->verticalHeader()->hide();
    m_recommendationView->horizontalHeader()->setStretchLastSection(true);
    // The reason takes what is left (resizing to contents leaves it alone).
    m_recommendationView->horizontalHeader()->setSectionResizeMode(
        client::RecommendationModel::EligibilityColumn, QHeaderView::Stretch);
    m_recommendationView->horizontalHeader()->setHighlightSections(false);
    m_recommendationView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_recommendationView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    layout->addWidget(m_recommendationView);
    m_recommendationFormula = mutedLabel(m_page);
    m_recommendationFormula->setObjectName(QStringLiteral("recommendationFormula"));
    m_recommendationFormula->setText(
        tr("Score = 100 − 0.5 × average member RTT − 20 × load + 0.3 × share of members "
           "under 100 ms. Only online regions with room are eligible; the highest score "
           "wins. RTTs are estimated from member locations."));
    layout->addWidget(m_recommendationFormula);
    layout->addStretch(1);
    m_recommendationView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_recommendationView->setTextElideMode(Qt::ElideRight);
    connect(m_recommendation, &QAbstractItemModel::modelReset, this, [this] { fitScoreColumns(); });

    m_pageScroll->setWidget(m_page);
    m_stack->addWidget(m_pageScroll);
    return m_stack;
}

void WaddlesPanel::onChoiceChanged(const QString &chosen)
{
    m_message->clear();
    m_editor.setChoice(chosen);
}

// --- Binding the editor ----------------------------------------------------------

void WaddlesPanel::bindEditor()
{
    connect(&m_editor, &WaddleEditor::opened, this, &WaddlesPanel::onOpened);
    connect(&m_editor, &WaddleEditor::loaded, this,
            [this](const domain::Waddle &, const QString &restoredDraft) {
                if (!restoredDraft.isEmpty()) {
                    m_note->showMessage(MessageBar::Kind::Information,
                                        tr("Your unsaved choice, %1, is back. Save Region keeps "
                                           "it.")
                                            .arg(choiceName(restoredDraft)));
                }
                m_stack->setCurrentWidget(m_pageScroll);
            });
    connect(&m_editor, &WaddleEditor::loadFailed, this, [this](const client::ApiError &error) {
        m_loadingText->setText(tr("Could not load this waddle. %1").arg(error.describe()));
        m_reloadPage->show();
    });
    connect(&m_editor, &WaddleEditor::waddleChanged, this, &WaddlesPanel::refreshPage);
    connect(&m_editor, &WaddleEditor::choiceChanged, m_choices, &RegionChoiceList::setChoice);
    connect(&m_editor, &WaddleEditor::draftReverted, m_note, &MessageBar::clear);
    connect(&m_editor, &WaddleEditor::stateChanged, this, &WaddlesPanel::updateButtons);
    connect(&m_editor, &WaddleEditor::savingChanged, this, [this](bool saving) {
        if (saving)
            m_message->clear();
        m_conflictBox->setBusy(saving);
        updateButtons();
    });
    connect(&m_editor, &WaddleEditor::saved, this, &WaddlesPanel::onSaved);
    connect(&m_editor, &WaddleEditor::sameChoiceSaved, this, [this](const QString &choice) {
        m_conflictBox->hide();
        m_message->showMessage(MessageBar::Kind::Success,
                               tr("Voice region is already set to %1 (someone else saved the "
                                  "same choice).")
                                   .arg(choiceName(choice)));
    });
    connect(&m_editor, &WaddleEditor::conflictChanged, this, &WaddlesPanel::refreshConflict);
    connect(&m_editor, &WaddleEditor::conflictUnavailable, this,
            [this](const client::ApiError &error) {
                m_message->showMessage(MessageBar::Kind::Error,
                                       tr("Someone changed this waddle while you were editing, "
                                          "and its new version could not be loaded. %1 Your "
                                          "choice is kept.")
                                           .arg(error.describe()));
            });
    connect(&m_editor, &WaddleEditor::saveFailed, this, [this](const client::ApiError &error) {
        m_message->showMessage(MessageBar::Kind::Error,
                               tr("Could not save the voice region. %1. Your choice is kept: "
                                  "Save Region tries again.")
                                   .arg(error.describe()));
    });
    connect(&m_editor, &WaddleEditor::keptTheirs, this, [this](const domain::Waddle &theirs) {
        m_message->showMessage(
            MessageBar::Kind::Information,
            tr("Kept their version: the voice region is %1.").arg(choiceName(theirs.voiceRegion)));
    });
    connect(&m_editor, &WaddleEditor::serverChanged, this, &WaddlesPanel::onServerChanged);
    connect(&m_editor, &WaddleEditor::recommendationLoaded, this,
            &WaddlesPanel::showRecommendation);
    connect(&m_editor, &WaddleEditor::recommendationFailed, this,
            [this](const client::ApiError &error) {
                m_answer.reset();
                m_slower->clear();
                m_recommendationText->setText(
                    tr("Could not load the recommendation. %1").arg(error.describe()));
                m_choices->setRecommended(QString());
            });
    connect(
        &m_editor, &WaddleEditor::membersCounted, this, [this](qsizetype places, qint64 unplaced) {
            const QLocale locale;
            QString text =
                tr("Distinct places members connect from: %1").arg(locale.toString(qint64(places)));
            if (unplaced > 0)
                text = tr("%1 · Members who never shared a location: %2")
                           .arg(text, locale.toString(unplaced));
            m_membersText->setText(text);
        });
    connect(&m_editor, &WaddleEditor::membersFailed, this, [this](const client::ApiError &error) {
        m_membersText->setText(tr("Could not load the members. %1").arg(error.describe()));
    });
    connect(&m_editor, &WaddleEditor::membersLoaded, this, &WaddlesPanel::membersLoaded);
}

void WaddlesPanel::onOpened(const QString &id)
{
    m_message->clear();
    m_note->clear();
    m_conflictBox->hide();
    m_loadingText->setText(tr("Loading the waddle…"));
    m_reloadPage->hide();
    m_stack->setCurrentWidget(m_loadingPage);
    m_answer.reset();
    m_slower->clear();
    m_recommendationText->setText(tr("Working out the best region…"));
    m_recommendationView->hide();
    m_recommendationFormula->hide();
    selectRowOf(id);
    updateButtons();
    Q_EMIT waddleSelected(id);
}

void WaddlesPanel::showRecommendation(const client::RecommendationAnswer &answer)
{
    m_answer = answer;
    m_choices->setRecommended(answer.recommendation ? answer.recommendation->regionCode
                                                    : QString());
    refreshWhy();
}

void WaddlesPanel::refreshWhy()
{
    m_slower->clear();
    if (!m_answer)
        return;
    if (!m_answer->recommendation) {
        m_recommendationText->setText(
            tr("There is no recommendation for this waddle: %1.").arg(withNames(m_answer->reason)));
        return;
    }
    const domain::Recommendation &recommendation = *m_answer->recommendation;
    const auto scoreOf = [&](const QString &code) -> const domain::RegionScore * {
        for (const domain::RegionScore &score : recommendation.scores) {
            if (score.code == code)
                return &score;
        }
        return nullptr;
    };
    const domain::RegionScore *winner = scoreOf(recommendation.regionCode);
    const double winnerScore = winner ? winner->score : 0.0;
    const QLocale locale;
    QString text =
        tr("%1 is recommended, with a score of %2 (members counted: %3, in distinct places: %4).")
            .arg(regionName(recommendation.regionCode), locale.toString(winnerScore, 'f', 1),
                 locale.toString(recommendation.memberCount),
                 locale.toString(recommendation.groupCount));

    // A pinned region other than the winner: how it compares, and who pays.
    const QString chosen = m_editor.choice();
    const domain::RegionScore *pinned =
        chosen == domain::automaticVoiceRegion() ? nullptr : scoreOf(chosen);
    if (pinned && winner && pinned->code != winner->code) {
        const QString name = regionName(pinned->code);
        if (!pinned->eligible) {
            text += QLatin1Char(' ') + tr("Your choice, %1, is not eligible now: %2.")
                                           .arg(name, withNames(pinned->reason));
        } else {
            text +=
                QLatin1Char(' ') +
                tr("Your choice, %1, scores %2.").arg(name, locale.toString(pinned->score, 'f', 1));
        }
        // Much worse for the members: say by how much (SPEC §5 terms).
        constexpr double kMuchWorse = 10.0;
        if (pinned->eligible && winner->score - pinned->score >= kMuchWorse) {
            const qint64 slower =
                std::max<qint64>(0, recommendation.memberCount - pinned->membersUnderGoodRtt);
            m_slower->showMessage(
                MessageBar::Kind::Warning,
                tr("Pinning %1 makes voice slower for most members: their average round trip "
                   "would be about %2 instead of %3 with %4 (%5 members would be over 100 ms). "
                   "Score %6 against %7.")
                    .arg(name, client::formatMilliseconds(pinned->averageRttMs),
                         client::formatMilliseconds(winner->averageRttMs), regionName(winner->code),
                         locale.toString(slower), locale.toString(pinned->score, 'f', 1),
                         locale.toString(winner->score, 'f', 1)));
        }
    }
    m_recommendationText->setText(text);
    m_recommendationView->show();
    m_recommendationFormula->show();
}

void WaddlesPanel::refreshPage()
{
    const std::optional<domain::Waddle> waddle = m_editor.waddle();
    if (!waddle)
        return;
    const domain::Waddle &w = *waddle;
    m_title->setText(w.name);
    m_title->setToolTip(w.id);
    const QString setting =
        w.isAutomatic() ? tr("Automatic") : tr("pinned to %1").arg(regionName(w.voiceRegion));
    const QString runs =
        w.currentRegion.isEmpty() ? tr("not assigned yet") : regionName(w.currentRegion);
    m_summary->setText(tr("Members: %1 · Voice region: %2 · Running in: %3")
                           .arg(QLocale().toString(w.memberCount), setting, runs));
    m_temporary->setVisible(w.temporary);
    m_temporary->setText(w.temporary ? tr("Temporary (failover from %1): it moves back when %1 "
                                          "recovers.")
                                           .arg(regionName(w.originalRegion))
                                     : QString());
    m_choices->setCurrentRegion(w.currentRegion);
    // The radio list may have been rebuilt (a new catalogue): the choice is
    // the editor's.
    m_choices->setChoice(m_editor.choice());
    updateButtons();
}

void WaddlesPanel::updateButtons()
{
    const bool testing = isTesting();
    const bool saving = m_editor.isSaving();
    m_test->setEnabled(!testing && m_services.prober && m_services.regions);
    m_test->setText(testing ? tr("Testing…") : tr("&Test All Regions"));
    m_save->setText(saving ? tr("Saving…") : tr("&Save Region"));
    applyPermission(m_save, m_services.session, domain::Action::ChangeVoiceRegion,
                    m_editor.canSave());
    m_choices->setEnabled(m_editor.waddle().has_value() && !saving);
}

// --- Test and save -----------------------------------------------------------

bool WaddlesPanel::isTesting() const
{
    return (m_services.prober && m_services.prober->isRunning()) ||
           (m_services.latency && m_services.latency->testing());
}

void WaddlesPanel::testAllRegions()
{
    if (!m_services.prober || !m_services.regions || isTesting())
        return;
    const client::LatencyProber::Settings settings;
    if (m_services.latency) {
        m_services.latency->setRegionNames(m_services.regions->regionNames());
        // The rows say how they are measured from the first sample on.
        m_services.latency->expectMode(settings.mode);
    }
    m_services.prober->start(m_services.regions->regions(), settings);
    updateButtons();
}

void WaddlesPanel::onSaved(const domain::Waddle &saved)
{
    m_conflictBox->hide();
    m_note->clear();
    const QString text = saved.isAutomatic() && !saved.currentRegion.isEmpty()
                             ? tr("Voice region set to Automatic (currently %1).")
                                   .arg(regionName(saved.currentRegion))
                             : tr("Voice region set to %1.").arg(choiceName(saved.voiceRegion));
    m_message->showMessage(MessageBar::Kind::Success, text);
}

void WaddlesPanel::refreshConflict()
{
    const std::optional<client::VersionedWaddle> conflict = m_editor.conflict();
    if (!conflict) {
        m_conflictBox->hide();
        return;
    }
    m_note->clear();
    const domain::Waddle &theirs = conflict->waddle;
    m_conflictBox->showConflict(
        tr("Someone changed this waddle while you were editing: it is now set to %1 (current "
           "region %2). Your choice: %3.")
            .arg(choiceName(theirs.voiceRegion), currentRegionText(theirs),
                 choiceName(m_editor.choice())));
}

void WaddlesPanel::onServerChanged(const domain::Waddle &waddle, const QString &reason,
                                   WaddleEditor::ServerChange change)
{
    switch (change) {
    case WaddleEditor::ServerChange::InConflict:
        break; // the conflict box shows the newest version
    case WaddleEditor::ServerChange::Followed:
        m_note->showMessage(
            MessageBar::Kind::Information,
            tr("Updated from the server (%1): now set to %2, current region %3.")
                .arg(withNames(reason), choiceName(waddle.voiceRegion), currentRegionText(waddle)));
        break;
    case WaddleEditor::ServerChange::KeptYourChoice:
        m_note->showMessage(
            MessageBar::Kind::Warning,
            tr("Changed on the server while you were editing (%1): it is now set to %2, "
               "current region %3. Your unsaved choice, %4, is kept.")
                .arg(withNames(reason), choiceName(waddle.voiceRegion), currentRegionText(waddle),
                     choiceName(m_editor.choice())));
        break;
    }
}

// --- Helpers -------------------------------------------------------------------

QString WaddlesPanel::regionName(const QString &code) const
{
    return m_services.regions ? m_services.regions->regionName(code) : code;
}

QString WaddlesPanel::choiceName(const QString &choice) const
{
    return choice == domain::automaticVoiceRegion() ? tr("Automatic") : regionName(choice);
}

QString WaddlesPanel::currentRegionText(const domain::Waddle &waddle) const
{
    return waddle.currentRegion.isEmpty() ? tr("none yet") : regionName(waddle.currentRegion);
}

bool WaddlesPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        if (watched == m_list->viewport())
            fitListColumns();
        else if (watched == m_pageScroll->viewport())
            QMetaObject::invokeMethod(this, &WaddlesPanel::fitScoreColumns, Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

void WaddlesPanel::fitListColumns()
{
    // Members as wide as its figures, the voice region at most 35 % of the
    // width, the name the rest (elided, whole in its tooltip).
    const int width = m_list->viewport()->width();
    const int wanted = static_cast<const QAbstractItemView *>(m_list)->sizeHintForColumn(
        client::WaddlesModel::VoiceRegionColumn);
    const int header =
        m_list->horizontalHeader()->sectionSizeHint(client::WaddlesModel::VoiceRegionColumn);
    m_list->setColumnWidth(client::WaddlesModel::VoiceRegionColumn,
                           std::min(std::max(wanted, header), width * 35 / 100));
}

void WaddlesPanel::fitScoreColumns()
{
    QHeaderView *header = m_recommendationView->horizontalHeader();
    using Model = client::RecommendationModel;
    for (int column = 0; column < Model::ColumnCount; ++column)
        m_recommendationView->setColumnHidden(column, false);
    m_recommendationView->resizeColumnsToContents();
    const int room =
        m_pageScroll->viewport()->width() - m_page->layout()->contentsMargins().left() -
        m_page->layout()->contentsMargins().right() - 2 * m_recommendationView->frameWidth();
    const auto total = [&] {
        int sum = 0;
        for (int column = 0; column < Model::ColumnCount - 1; ++column)
            sum += m_recommendationView->isColumnHidden(column) ? 0 : header->sectionSize(column);
        // The reason column needs room for a word or two; it elides.
        return sum + header->fontMetrics().horizontalAdvance(tr("Recommended")) + 16;
    };
    // The terms the Score tooltip spells out go first.
    for (const int column : {int(Model::GeoBonusColumn), int(Model::CapacityPenaltyColumn),
                             int(Model::LatencyPenaltyColumn)}) {
        if (total() <= room)
            break;
        m_recommendationView->setColumnHidden(column, true);
    }
    // Every row visible, no inner scrolling: the page scrolls instead.
    const int rows = m_recommendation->rowCount();
    const int height = header->sizeHint().height() +
                       rows * m_recommendationView->verticalHeader()->defaultSectionSize() +
                       2 * m_recommendationView->frameWidth() + 2;
    m_recommendationView->setFixedHeight(height);
}

QString WaddlesPanel::withNames(QString text) const
{
    if (!m_services.regions)
        return text;
    const QHash<QString, QString> names = m_services.regions->regionNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        // Whole codes only: "eu-west" in "eu-west-2" stays as it is.
        const QRegularExpression code(
            QStringLiteral("(?<![\\w-])%1(?![\\w-])").arg(QRegularExpression::escape(it.key())));
        text.replace(code, it.value());
    }
    return text;
}

} // namespace waddle::ui
