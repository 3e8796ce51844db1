#!/bin/sh
infisical secrets get DB_PASSWORD --env prod --raw
