<?php
/**
 * Plugin Name: RetainKit for WooCommerce
 * Description: Reviews, NPS, the exit offer and loyalty from a RetainKit server on a WooCommerce shop.
 * Version: 0.1.0
 * License: MIT OR Apache-2.0
 *
 * Put this file in wp-content/plugins/retainkit/ (or wp-content/mu-plugins/) and set, in
 * wp-config.php:
 *   define('RETAINKIT_API', 'https://retainkit.example');          // the server's base URL
 *   define('RETAINKIT_SCRIPT', 'https://retainkit.example/retainkit.js');
 *   define('RETAINKIT_TOKEN_SECRET', '…');  // the server's RK_TOKEN_SECRET, ≥ 32 characters
 * The secret stays on the shop's server: the browser only ever sees tokens that expire.
 *
 * From a shell (tests/e2e/integrations.test.mjs does this): RK_TOKEN_SECRET=… php retainkit.php customer <id>
 *                                                             RK_TOKEN_SECRET=… php retainkit.php order <customer id> <product id> [order id]
 */

function retainkit_b64url($bytes) {
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

/** An HS256 JWT of $claims. */
function retainkit_sign(array $claims, $secret) {
    $input = retainkit_b64url(json_encode(array('alg' => 'HS256', 'typ' => 'JWT'))) . '.'
        . retainkit_b64url(json_encode($claims, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
    return $input . '.' . retainkit_b64url(hash_hmac('sha256', $input, $secret, true));
}

/** The signed-in customer (10 minutes; RetainKit accepts at most 15). */
function retainkit_customer_token($customer_id, $secret) {
    $now = time();
    return retainkit_sign(array('sub' => (string) $customer_id, 'aud' => 'retainkit', 'iat' => $now, 'exp' => $now + 600), $secret);
}

/** "This customer bought this product": the review is marked verified (90 days; at most 180). */
function retainkit_order_token($customer_id, $product_id, $secret, $order_id = null) {
    $now = time();
    $claims = array('sub' => (string) $customer_id, 'aud' => 'retainkit-order', 'product_id' => (string) $product_id, 'iat' => $now, 'exp' => $now + 90 * 86400);
    if ($order_id !== null) {
        $claims['order_id'] = (string) $order_id;
    }
    return retainkit_sign($claims, $secret);
}

if (function_exists('add_action')) {
    // The loader on every page: one async script, nothing else until a widget is on screen.
    add_action('wp_head', function () {
        printf('<script src="%s" data-api="%s" data-locale="%s" async></script>' . "\n",
            esc_url(RETAINKIT_SCRIPT), esc_attr(RETAINKIT_API), esc_attr(get_locale()));
        echo '<style>rk-stars:not(:defined){display:inline-flex;min-height:24px;min-width:7em}'
            . 'rk-reviews:not(:defined){display:block;min-height:420px}</style>' . "\n";
    });

    // A signed-in customer: a short-lived token, never the secret; a new one from the REST
    // route below when the widgets say it expired.
    add_action('wp_footer', function () {
        if (is_user_logged_in() && defined('RETAINKIT_TOKEN_SECRET')) {
            $token = retainkit_customer_token(get_current_user_id(), RETAINKIT_TOKEN_SECRET);
            printf('<script>(function(){function id(t){var rk=window.RetainKit=window.RetainKit||[];if(rk.push)rk.push(["identify",t]);else rk.identify(t)}'
                . 'id(%1$s);document.addEventListener("rk-token-expired",function(){fetch(%2$s,{credentials:"same-origin",headers:{"X-WP-Nonce":%3$s}})'
                . '.then(function(r){return r.json()}).then(function(b){if(b.token)id(b.token)})})})()</script>' . "\n",
                wp_json_encode($token), wp_json_encode(rest_url('retainkit/v1/token')), wp_json_encode(wp_create_nonce('wp_rest')));
        }
        echo '<rk-loyalty></rk-loyalty>' . "\n";
    });
    add_action('rest_api_init', function () {
        register_rest_route('retainkit/v1', '/token', array(
            'methods' => 'GET',
            // The REST nonce proves the request comes from the shop's own page; without it
            // WordPress treats the caller as a guest (user id 0).
            'permission_callback' => '__return_true',
            'callback' => function () {
                $id = get_current_user_id();
                return array('token' => $id ? retainkit_customer_token($id, RETAINKIT_TOKEN_SECRET) : null);
            },
        ));
    });

    // Stars under each product of a list, reviews under the product.
    add_action('woocommerce_after_shop_loop_item_title', function () {
        global $product;
        printf('<rk-stars product-id="%s" href="%s#reviews"></rk-stars>', esc_attr($product->get_id()), esc_url(get_permalink($product->get_id())));
    });
    add_action('woocommerce_single_product_summary', function () {
        global $product;
        printf('<rk-stars product-id="%s"></rk-stars>', esc_attr($product->get_id()));
    }, 6);
    add_action('woocommerce_after_single_product_summary', function () {
        global $product;
        printf('<rk-reviews id="reviews" product-id="%s" product-name="%s" jsonld></rk-reviews>',
            esc_attr($product->get_id()), esc_attr($product->get_name()));
    }, 15);
    // WooCommerce's own review tab would show a second, empty list.
    add_filter('woocommerce_product_tabs', function ($tabs) {
        unset($tabs['reviews']);
        return $tabs;
    });

    // The NPS question on the thank-you page, and the cart's value for exit offers.
    add_action('woocommerce_thankyou', function () {
        echo '<rk-nps survey-id="nps"></rk-nps>';
    });
    add_action('wp_footer', function () {
        if (function_exists('WC') && WC()->cart) {
            $minor = (int) round(WC()->cart->get_total('edit') * pow(10, wc_get_price_decimals()));
            printf('<script>(window.RetainKit=window.RetainKit||[]).push?RetainKit.push(["setContext",{cart_value:%1$d,currency:%2$s}]):RetainKit.setContext({cart_value:%1$d,currency:%2$s})</script>' . "\n",
                $minor, wp_json_encode(get_woocommerce_currency()));
        }
    });
} elseif (PHP_SAPI === 'cli' && isset($argv) && realpath($argv[0]) === __FILE__) {
    $secret = getenv('RK_TOKEN_SECRET');
    $kind = isset($argv[1]) ? $argv[1] : '';
    if (!$secret || !in_array($kind, array('customer', 'order'), true) || !isset($argv[2])) {
        fwrite(STDERR, "usage: RK_TOKEN_SECRET=… php retainkit.php customer <id> | order <customer id> <product id> [order id]\n");
        exit(2);
    }
    echo $kind === 'customer'
        ? retainkit_customer_token($argv[2], $secret)
        : retainkit_order_token($argv[2], $argv[3], $secret, isset($argv[4]) ? $argv[4] : null), "\n";
}
