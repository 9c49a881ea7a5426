//! Document-order traversal of a parsed page without recursion.
//!
//! The walk follows first-child / next-sibling / parent links, so it needs no stack at all and a
//! page nested a million deep costs no more than a flat one. Callers keep their own explicit stack
//! of open elements from the `Open` / `Close` events.

use scraper::{ElementRef, Html, Node};

/// One step of the walk.
pub enum Visit<'a> {
    /// An element starts; its children follow, then its `Close`.
    Open(ElementRef<'a>),
    /// An element ends.
    Close(ElementRef<'a>),
    /// A text node.
    Text(&'a str),
}

/// Calls `visit` for every element and text node of `html` in document order.
pub fn walk<'a>(html: &'a Html, mut visit: impl FnMut(Visit<'a>)) {
    let root = html.tree.root();
    let mut node = root;
    loop {
        let mut descend = false;
        match node.value() {
            Node::Element(_) => {
                if let Some(element) = ElementRef::wrap(node) {
                    visit(Visit::Open(element));
                }
                descend = true;
            }
            Node::Text(text) => visit(Visit::Text(text)),
            Node::Document | Node::Fragment => descend = true,
            _ => {}
        }
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Leave `node` and every ancestor that has no next sibling.
        loop {
            if let Some(element) = ElementRef::wrap(node) {
                visit(Visit::Close(element));
            }
            if node == root {
                return;
            }
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// The value of an element's attribute. scraper's own lookup interns the name and binary-searches
/// for every call; elements keep only the few attributes extraction reads (see [`super::nesting`]),
/// so a scan of the names is cheaper.
pub fn attribute<'a>(element: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    element.attrs().find(|&(candidate, _)| candidate == name).map(|(_, value)| value)
}
