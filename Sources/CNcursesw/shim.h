// The wide-character ncurses API, plus accessors for what Swift cannot import
// (function-like macros and mutable globals). See docs/terminal.md §1.
#ifndef JUCHU_CNCURSESW_SHIM_H
#define JUCHU_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// glibc declares these only under _XOPEN_SOURCE, which the prebuilt Glibc module does not see.
extern int wcwidth(wchar_t c);

static inline WINDOW *juchu_stdscr(void) { return stdscr; }
static inline const char *juchu_codeset(void) { return nl_langinfo(CODESET); }

#include <term.h>
/// Whether terminfo knows `term`, without exiting or printing (setupterm with an error pointer),
/// leaving no terminal set up behind.
static inline int juchu_terminfo_knows(const char *term) {
    int status = 0;
    if (setupterm(term, 1, &status) != OK) return 0;
    del_curterm(cur_term);
    cur_term = NULL;
    return 1;
}

/// Whether terminfo says `term` can move its cursor anywhere (cup): a full-screen desk needs it
/// (TERM=dumb, a printing terminal and the like cannot). Leaves no terminal set up behind.
static inline int juchu_terminfo_addresses_cursor(const char *term) {
    int status = 0;
    if (setupterm(term, 1, &status) != OK) return 0;
    char *cup = tigetstr("cup");
    int addressable = cup != NULL && cup != (char *)-1 && tigetflag("hc") <= 0;
    del_curterm(cur_term);
    cur_term = NULL;
    return addressable;
}

/// Sets up terminfo for `term` as the current terminal (for tests of what the desk reads from it).
static inline int juchu_use_terminfo(const char *term) {
    int status = 0;
    return setupterm(term, 1, &status) == OK;
}
static inline void juchu_release_terminfo(void) {
    if (cur_term != NULL) del_curterm(cur_term);
    cur_term = NULL;
}

/// A string capability of the terminal set up, or NULL when it has none.
static inline const char *juchu_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return value == (char *)-1 ? NULL : value;
}
// tiparm is variadic, which Swift cannot call.
static inline const char *juchu_tiparm1(const char *capability, int a) { return tiparm(capability, a); }
static inline const char *juchu_tiparm2(const char *capability, int a, int b) { return tiparm(capability, a, b); }

#endif
