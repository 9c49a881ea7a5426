//! The store. (Interface stub; the store stage fills it.)
