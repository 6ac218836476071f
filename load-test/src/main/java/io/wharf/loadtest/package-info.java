/** The MQTT load generator and benchmark harness (issue 6); nothing here yet. */
package io.wharf.loadtest;
