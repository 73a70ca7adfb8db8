//! SQLite's library-wide settings: once this code has opened a SQLite connection, the
//! library runs in multi-thread mode and keeps no memory statistics, so that no call takes a
//! mutex shared by every connection (`tramites::db::sqlite_without_global_locks`).

use std::ffi::CString;

use libsqlite3_sys as ffi;

#[test]
fn sqlite_runs_without_its_connection_and_statistics_mutexes() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/ajustes.sqlite", dir.path().display());
    let _ours = tramites::db::establish(&url).unwrap();
    let name = CString::new(":memory:").unwrap();
    let mut raw = std::ptr::null_mut();
    // SAFETY: a connection of this test's own, opened with SQLite's default flags (no
    // FULLMUTEX or NOMUTEX: the library's mode decides), read on this thread and closed.
    unsafe {
        let opened = ffi::sqlite3_open_v2(
            name.as_ptr(),
            &mut raw,
            ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE,
            std::ptr::null(),
        );
        assert_eq!(opened, ffi::SQLITE_OK);
        let mutex = ffi::sqlite3_db_mutex(raw);
        let (mut used, mut highest) = (0_i64, 0_i64);
        ffi::sqlite3_status64(ffi::SQLITE_STATUS_MEMORY_USED, &mut used, &mut highest, 0);
        ffi::sqlite3_close(raw);
        assert!(
            mutex.is_null(),
            "serialized mode: every call on a connection takes its mutex"
        );
        assert_eq!(
            (used, highest),
            (0, 0),
            "memory statistics are kept, under one mutex for every allocation"
        );
    }
}
