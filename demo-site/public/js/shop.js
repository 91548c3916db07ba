// Alpenglow Outfitters — the storefront's own script (not part of Kairos).
// A tiny cart in localStorage, the cart page, "Place order", and the purchase
// conversions on the confirmation page. No inline scripts anywhere, so the shop
// runs under a strict CSP.
//
// Goals this shop records (the names the rules file uses):
//   add-to-cart        a click on [data-kairos-goal="add-to-cart"] (recorded by the SDK itself)
//   purchase           an order placed; value = order total in euros
//   purchase-<cat>     one per category in the order (purchase-ski, purchase-camping,
//                      purchase-running); value = that category's subtotal. Rules use
//                      `conversions.purchase-ski` to stop promoting what was just bought.
//
// The SDK loads async and may be absent (blocked, offline, not yet loaded): every call
// to window.kairos is guarded.
(function () {
  'use strict';

  var CART_KEY = 'alpenglow-cart';
  var ORDER_KEY = 'alpenglow-last-order';
  var FREE_SHIPPING_FROM = 75;
  var SHIPPING = 6.9;

  // ---------------------------------------------------------------------------
  // Storage (private browsing or a full quota must not break the shop)
  // ---------------------------------------------------------------------------
  function read(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }
  function write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* storage unavailable: the cart lives for this page only */
    }
  }

  function cart() {
    var items = read(CART_KEY, []);
    return Array.isArray(items) ? items.filter(function (i) { return i && i.sku && i.qty > 0; }) : [];
  }
  function saveCart(items) { write(CART_KEY, items); }

  function money(n) { return '€' + (Math.round(n * 100) / 100).toFixed(2); }
  function subtotal(items) { return items.reduce(function (s, i) { return s + i.price * i.qty; }, 0); }
  function shippingFor(sub) { return sub === 0 || sub >= FREE_SHIPPING_FROM ? 0 : SHIPPING; }
  function count(items) { return items.reduce(function (s, i) { return s + i.qty; }, 0); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  // ---------------------------------------------------------------------------
  // Kairos (optional)
  // ---------------------------------------------------------------------------
  /** Calls fn(kairos) once the SDK is there; gives up quietly after `ms`. */
  function withKairos(fn, ms) {
    var waited = 0;
    (function poll() {
      var k = window.kairos;
      if (k && typeof k.convert === 'function') {
        try { fn(k); } catch (e) { /* never let analytics break the shop */ }
        return;
      }
      waited += 100;
      if (waited <= ms) setTimeout(poll, 100);
    })();
  }

  // ---------------------------------------------------------------------------
  // Header cart count
  // ---------------------------------------------------------------------------
  function renderCount() {
    var n = count(cart());
    document.querySelectorAll('[data-cart-count]').forEach(function (badge) {
      badge.textContent = String(n);
      if (n) badge.removeAttribute('data-empty');
      else badge.setAttribute('data-empty', '');
      badge.setAttribute('aria-label', n === 1 ? '1 item' : n + ' items');
    });
  }

  // ---------------------------------------------------------------------------
  // Toast
  // ---------------------------------------------------------------------------
  var toastTimer;
  function toast(message, link) {
    var t = document.querySelector('[data-toast]');
    if (!t) return;
    t.replaceChildren(el('span', { text: message }));
    if (link) t.append(el('a', { href: link.href, text: link.label }));
    t.classList.add('is-visible');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.classList.remove('is-visible'); }, 3200);
  }

  // ---------------------------------------------------------------------------
  // Product page: add to cart (the SDK counts the click as the add-to-cart goal)
  // ---------------------------------------------------------------------------
  function addToCart(button) {
    var select = document.querySelector('[data-option]');
    var option = select ? select.value : '';
    var items = cart();
    var key = button.dataset.sku + '|' + option;
    var found = items.find(function (i) { return i.sku + '|' + (i.option || '') === key; });
    if (found) found.qty += 1;
    else {
      items.push({
        sku: button.dataset.sku,
        name: button.dataset.name,
        price: Number(button.dataset.price),
        category: button.dataset.category,
        img: button.dataset.img,
        href: button.dataset.href,
        option: option,
        qty: 1,
      });
    }
    saveCart(items);
    renderCount();
    toast(button.dataset.name + ' added', { href: '/cart.html', label: 'View cart' });
  }

  // ---------------------------------------------------------------------------
  // Cart page
  // ---------------------------------------------------------------------------
  function renderCart() {
    var root = document.querySelector('[data-cart]');
    if (!root) return;
    var items = cart();
    var list = root.querySelector('[data-cart-items]');
    var empty = root.querySelector('[data-cart-empty]');
    var sub = subtotal(items);
    var ship = shippingFor(sub);

    list.replaceChildren();
    items.forEach(function (item, index) {
      var qty = el('div', { class: 'qty', role: 'group', 'aria-label': 'Quantity' }, [
        el('button', { type: 'button', 'data-qty': '-1', 'data-index': String(index), 'aria-label': 'One less', text: '−' }),
        el('output', { text: String(item.qty) }),
        el('button', { type: 'button', 'data-qty': '1', 'data-index': String(index), 'aria-label': 'One more', text: '+' }),
      ]);
      list.append(el('li', { class: 'cart-item', 'data-sku': item.sku }, [
        el('img', { src: item.img, alt: '', width: '112', height: '84' }),
        el('div', {}, [
          el('h3', {}, [el('a', { href: item.href || '#', text: item.name })]),
          el('p', { text: (item.option ? item.option + ' · ' : '') + money(item.price) + ' each' }),
        ]),
        el('div', { class: 'cart-item__side' }, [
          el('strong', { text: money(item.price * item.qty) }),
          qty,
          el('button', { type: 'button', class: 'link-button', 'data-remove': String(index), text: 'Remove' }),
        ]),
      ]));
    });

    list.hidden = items.length === 0;
    empty.hidden = items.length !== 0;
    root.querySelector('[data-cart-subtotal]').textContent = money(sub);
    root.querySelector('[data-cart-shipping]').textContent = items.length ? (ship ? money(ship) : 'Free') : '—';
    root.querySelector('[data-cart-total]').textContent = money(sub + ship);
    root.querySelector('[data-place-order]').disabled = items.length === 0;
  }

  function placeOrder() {
    var items = cart();
    if (!items.length) return;
    var sub = subtotal(items);
    var byCategory = {};
    items.forEach(function (i) { byCategory[i.category] = (byCategory[i.category] || 0) + i.price * i.qty; });
    var order = {
      number: 'AG-' + String(Date.now()).slice(-6),
      items: items,
      subtotal: sub,
      shipping: shippingFor(sub),
      total: Math.round((sub + shippingFor(sub)) * 100) / 100,
      categories: byCategory,
      recorded: false,
    };
    write(ORDER_KEY, order);
    saveCart([]);
    window.location.href = '/confirmation.html';
  }

  // ---------------------------------------------------------------------------
  // Confirmation page: show the order, record the purchase once
  // ---------------------------------------------------------------------------
  function renderConfirmation() {
    var root = document.querySelector('[data-confirmation]');
    if (!root) return;
    var order = read(ORDER_KEY, null);
    if (!order || !Array.isArray(order.items)) {
      root.querySelector('[data-confirm-title]').textContent = 'No recent order';
      root.querySelector('[data-confirm-lede]').textContent = 'Orders you place in this browser show up here.';
      return;
    }
    var number = root.querySelector('[data-order-number]');
    number.textContent = 'Order ' + order.number;
    number.hidden = false;
    var list = root.querySelector('[data-receipt-items]');
    order.items.forEach(function (i) {
      list.append(el('li', {}, [el('span', { text: i.qty + ' × ' + i.name }), el('span', { text: money(i.price * i.qty) })]));
    });
    list.append(el('li', {}, [el('span', { text: 'Shipping' }), el('span', { text: order.shipping ? money(order.shipping) : 'Free' })]));
    list.append(el('li', { class: 'total' }, [el('span', { text: 'Total' }), el('span', { text: money(order.total), 'data-order-total': String(order.total) })]));
    root.querySelector('[data-receipt]').hidden = false;

    if (order.recorded) return; // a reload must not count the purchase twice
    withKairos(function (kairos) {
      kairos.convert('purchase', { value: order.total });
      Object.keys(order.categories || {}).forEach(function (cat) {
        kairos.convert('purchase-' + cat, { value: Math.round(order.categories[cat] * 100) / 100 });
      });
      order.recorded = true;
      write(ORDER_KEY, order);
    }, 10000);
  }

  // ---------------------------------------------------------------------------
  // Wiring (event delegation: works for content Kairos renders into slots too)
  // ---------------------------------------------------------------------------
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var add = target.closest('[data-add-to-cart]');
    if (add) { addToCart(add); return; }
    var step = target.closest('[data-qty]');
    if (step) {
      var items = cart();
      var item = items[Number(step.dataset.index)];
      if (item) {
        item.qty += Number(step.dataset.qty);
        saveCart(items.filter(function (i) { return i.qty > 0; }));
        renderCart();
        renderCount();
      }
      return;
    }
    var remove = target.closest('[data-remove]');
    if (remove) {
      var rest = cart();
      rest.splice(Number(remove.dataset.remove), 1);
      saveCart(rest);
      renderCart();
      renderCount();
      return;
    }
    if (target.closest('[data-place-order]')) placeOrder();
  });

  // Another tab changed the cart: keep the badge honest.
  window.addEventListener('storage', function (e) {
    if (e.key === CART_KEY) { renderCount(); renderCart(); }
  });

  function init() {
    renderCount();
    renderCart();
    renderConfirmation();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
