#pragma once

#include "domain/citytable.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;

namespace waddle::ui {

// Tools › Set My Location: search the world city table, or pick a point on
// the map (SPEC §13: the user's location is always editable). Before anything
// is typed it lists the cities nearest the current (or guessed) location, or
// the largest ones when there is none; a search without a match says so.
class LocationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocationDialog)

public:
    LocationDialog(std::optional<domain::GeoPoint> current, QWidget *parent = nullptr);

    [[nodiscard]] std::optional<domain::City> city() const;
    [[nodiscard]] bool pickOnMap() const { return m_pickOnMap; }

    // The cities whose name starts with (then contains) `text`, largest first.
    static QList<domain::City> search(const QString &text, int limit = 20);
    // The cities of the table nearest `point`, nearest first.
    static QList<domain::City> nearest(const domain::GeoPoint &point, int limit = 12);

    // What the list shows: "Cities near …", "Largest cities", or that
    // nothing matches.
    [[nodiscard]] QString listTitle() const;
    [[nodiscard]] QStringList shownCities() const;

private:
    void refresh(const QString &text);

    std::optional<domain::GeoPoint> m_current;
    QLineEdit *m_search;
    QLabel *m_listTitle;
    QListWidget *m_results;
    QList<domain::City> m_shown;
    bool m_pickOnMap = false;
};

} // namespace waddle::ui
