#include "locationdialog.h"

#include "domain/geo.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace waddle::ui {

LocationDialog::LocationDialog(std::optional<domain::GeoPoint> current, QWidget *parent)
    : QDialog(parent)
    , m_current(current)
    , m_search(new QLineEdit)
    , m_listTitle(new QLabel)
    , m_results(new QListWidget)
{
    setWindowTitle(tr("Set My Location"));
    setObjectName(QStringLiteral("locationDialog"));
    m_listTitle->setObjectName(QStringLiteral("listTitle"));
    m_listTitle->setWordWrap(true);
    m_listTitle->setBuddy(m_results);
    m_search->setPlaceholderText(tr("Type a city, e.g. Lisbon"));
    m_search->setAccessibleName(tr("City search"));
    m_search->setClearButtonEnabled(true);
    m_results->setAccessibleName(tr("Matching cities"));
    auto *hint = new QLabel(
        current ? tr("Now at %1, %2. Latency estimates and the demo fleet use this place.")
                      .arg(current->latitude, 0, 'f', 2)
                      .arg(current->longitude, 0, 'f', 2)
                : tr("Latency estimates and the demo fleet use this place."));
    hint->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *pick = buttons->addButton(tr("Pick on the &Map"), QDialogButtonBox::ActionRole);
    connect(pick, &QPushButton::clicked, this, [this] {
        m_pickOnMap = true;
        QDialog::accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_results->currentRow() >= 0)
            QDialog::accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &LocationDialog::refresh);
    connect(m_results, &QListWidget::itemActivated, this, [this] { QDialog::accept(); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_search);
    layout->addWidget(m_listTitle);
    layout->addWidget(m_results, 1);
    layout->addWidget(buttons);
    resize(440, 460);
    refresh({});
}

QList<domain::City> LocationDialog::nearest(const domain::GeoPoint &point, int limit)
{
    QList<std::pair<double, const domain::City *>> byDistance;
    const QList<domain::City> &cities = domain::defaultCityTable();
    byDistance.reserve(cities.size());
    for (const domain::City &city : cities)
        byDistance.append({domain::greatCircleKm(point, city.point), &city});
    const auto count = std::min<qsizetype>(limit, byDistance.size());
    std::partial_sort(byDistance.begin(), byDistance.begin() + count, byDistance.end(),
                      [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<domain::City> out;
    for (qsizetype i = 0; i < count; ++i)
        out.append(*byDistance.at(i).second);
    return out;
}

QString LocationDialog::listTitle() const
{
    return m_listTitle->text();
}

QStringList LocationDialog::shownCities() const
{
    QStringList names;
    for (const domain::City &city : m_shown)
        names.append(city.name);
    return names;
}

QList<domain::City> LocationDialog::search(const QString &text, int limit)
{
    QList<domain::City> starts, contains;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return {};
    for (const domain::City &city : domain::defaultCityTable()) {
        if (city.name.startsWith(needle, Qt::CaseInsensitive))
            starts.append(city);
        else if (city.name.contains(needle, Qt::CaseInsensitive))
            contains.append(city);
        if (starts.size() >= limit)
            break;
    }
    return (starts + contains).mid(0, limit);
}

void LocationDialog::refresh(const QString &text)
{
    constexpr int kSuggestions = 12;
    if (text.trimmed().isEmpty()) {
        // Something to choose from before typing (issue 10).
        if (m_current) {
            m_shown = nearest(*m_current, kSuggestions);
            m_listTitle->setText(tr("Cities near your current location:"));
        } else {
            m_shown = domain::defaultCityTable().mid(0, kSuggestions);
            m_listTitle->setText(tr("Largest cities:"));
        }
    } else {
        m_shown = search(text);
        m_listTitle->setText(
            m_shown.isEmpty()
                ? tr("No city matches “%1”. Try another spelling, a larger city nearby, or "
                     "Pick on the Map.")
                      .arg(text.trimmed())
                : tr("Matching cities:"));
    }
    m_results->clear();
    for (const domain::City &city : m_shown) {
        m_results->addItem(QStringLiteral("%1, %2  (%3, %4)")
                               .arg(city.name, city.country)
                               .arg(city.point.latitude, 0, 'f', 2)
                               .arg(city.point.longitude, 0, 'f', 2));
    }
    if (!m_shown.isEmpty())
        m_results->setCurrentRow(0);
}

std::optional<domain::City> LocationDialog::city() const
{
    const int row = m_results->currentRow();
    if (row < 0 || row >= m_shown.size())
        return std::nullopt;
    return m_shown.at(row);
}

} // namespace waddle::ui
