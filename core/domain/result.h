#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace waddle::domain {

// Why a value could not be made: the field at fault (a JSON path such as
// "regions[2].location.latitude", empty when no one field is to blame) and a
// sentence for a person.
struct Error
{
    QString field;
    QString message;

    friend bool operator==(const Error &, const Error &) = default;
};

// A value or the reason there is none (ARCHITECTURE.md: errors are values).
// Client code uses Result<T, ApiError>; the domain uses the default Error.
template <typename T, typename E = Error>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Result(E error)
        : m_state(std::in_place_index<1>, std::move(error))
    {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { return std::get<0>(m_state); }
    [[nodiscard]] T &value() & { return std::get<0>(m_state); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_state)); }
    [[nodiscard]] const E &error() const { return std::get<1>(m_state); }

    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

private:
    std::variant<T, E> m_state;
};

// An action that either happened or did not, and why.
template <typename E>
class [[nodiscard]] Result<void, E>
{
public:
    Result() = default;
    Result(E error)
        : m_error(std::move(error))
    {}

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const E &error() const { return *m_error; }

private:
    std::optional<E> m_error;
};

} // namespace waddle::domain
