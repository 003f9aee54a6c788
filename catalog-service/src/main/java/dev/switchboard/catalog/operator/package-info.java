/**
 * Operator edits: switching a provider, a model or an endpoint down, disabled or active (with the
 * reason kept), and adding an endpoint to a model. Every edit rebuilds the snapshot before it answers,
 * so routing reflects it at once.
 */
package dev.switchboard.catalog.operator;
