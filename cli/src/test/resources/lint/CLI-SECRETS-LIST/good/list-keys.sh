#!/bin/sh
infisical secrets --env prod --token "$INFISICAL_TOKEN" -o dotenv | grep -o '^[^=]*='
